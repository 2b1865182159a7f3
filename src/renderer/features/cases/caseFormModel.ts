import dayjs, { type Dayjs } from 'dayjs';
import type { CaseDto, CaseInput, CaseState, Handler, Party, PersonDto, Procedure } from '../../../contract';

/** A handler picked from the directory is stored as this token so that typed names never collide. */
const USER_TOKEN = 'user:';

export interface PartyFormValues {
  kind: Party['kind'];
  name?: string;
  gender?: '男' | '女';
  age?: number | null;
  occupation?: string;
  address?: string;
  legalRepresentative?: string;
  representativeTitle?: string;
}

export interface CaseFormValues {
  caseNumber?: string;
  cause?: string;
  party: PartyFormValues;
  source?: string;
  procedure?: Procedure;
  handlers?: string[];
  department?: string;
  disposition?: string;
  openedOn?: Dayjs | null;
  closedOn?: Dayjs | null;
  state?: CaseState;
}

export interface HandlerOption {
  value: string;
  label: string;
  name: string;
}

export function handlerToken(handler: Handler): string {
  return handler.userId ? `${USER_TOKEN}${handler.userId}` : handler.name;
}

/** Directory people as picker options, plus linked handlers of the case who have left the directory. */
export function handlerOptions(directory: PersonDto[], current: Handler[] = []): HandlerOption[] {
  const options: HandlerOption[] = directory.map((p) => ({
    value: `${USER_TOKEN}${p.id}`,
    label: p.department ? `${p.displayName}（${p.department}）` : p.displayName,
    name: p.displayName,
  }));
  for (const h of current) {
    if (h.userId && !options.some((o) => o.value === `${USER_TOKEN}${h.userId}`)) {
      options.push({ value: `${USER_TOKEN}${h.userId}`, label: h.name, name: h.name });
    }
  }
  return options;
}

export function tokensToHandlers(tokens: string[], options: HandlerOption[]): Handler[] {
  return tokens
    .map((token) => token.trim())
    .filter((token) => token.length > 0)
    .map((token) => {
      const option = token.startsWith(USER_TOKEN) ? options.find((o) => o.value === token) : undefined;
      return option ? { name: option.name, userId: token.slice(USER_TOKEN.length) } : { name: token, userId: null };
    });
}

function toParty(values: PartyFormValues): Party {
  // Only the fields of the chosen kind are sent; the core validates them (DB3206/T 1060 §4.8).
  if (values.kind === 'organization') {
    return {
      kind: 'organization',
      name: values.name ?? '',
      address: values.address ?? '',
      legalRepresentative: values.legalRepresentative ?? '',
      representativeTitle: values.representativeTitle ?? '',
    };
  }
  return {
    kind: 'person',
    name: values.name ?? '',
    gender: values.gender as '男' | '女',
    age: values.age as number,
    occupation: values.occupation ?? '',
    address: values.address ?? '',
  };
}

const toDate = (value: Dayjs | null | undefined): string | null => (value ? value.format('YYYY-MM-DD') : null);

export function toCaseInput(values: CaseFormValues, options: HandlerOption[]): CaseInput {
  return {
    caseNumber: values.caseNumber ?? '',
    cause: values.cause ?? '',
    party: toParty(values.party),
    source: values.source ?? '',
    procedure: values.procedure as Procedure,
    handlers: tokensToHandlers(values.handlers ?? [], options),
    department: values.department ?? '',
    disposition: values.disposition ?? '',
    openedOn: toDate(values.openedOn),
    closedOn: toDate(values.closedOn),
  };
}

export function toFormValues(c: CaseDto): CaseFormValues {
  return {
    caseNumber: c.caseNumber,
    cause: c.cause,
    party: { ...c.party },
    source: c.source,
    procedure: c.procedure,
    handlers: c.handlers.map(handlerToken),
    department: c.department,
    disposition: c.disposition,
    openedOn: c.openedOn ? dayjs(c.openedOn) : null,
    closedOn: c.closedOn ? dayjs(c.closedOn) : null,
    state: c.state,
  };
}

export function emptyCaseForm(department: string): CaseFormValues {
  return { party: { kind: 'person' }, procedure: '一般程序', department, handlers: [] };
}

export function partySummary(party: Party): string {
  if (party.kind === 'organization') {
    return `${party.name}（单位；地址：${party.address}；法定代表人：${party.legalRepresentative}，${party.representativeTitle}）`;
  }
  return `${party.name}（个人；${party.gender}，${party.age} 岁，${party.occupation}；住址：${party.address}）`;
}
