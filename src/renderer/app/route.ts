import { useSyncExternalStore } from 'react';

/** Screens addressed by the location hash, so that back/forward work in Electron and the web host alike. */
export type Route =
  | { page: 'home' }
  | { page: 'cases' }
  | { page: 'case'; caseId: string }
  | { page: 'record'; caseId: string; recordId: string }
  | { page: 'dossiers' }
  | { page: 'dossier'; caseId: string }
  | { page: 'rules' }
  | { page: 'users' }
  | { page: 'audit' }
  | { page: 'scans' }
  | { page: 'signing' }
  | { page: 'terminals' }
  | { page: 'borrowing' }
  | { page: 'approvals' }
  | { page: 'reading'; caseId: string }
  | { page: 'policy' }
  | { page: 'explain' }
  | { page: 'verify' }
  | { page: 'media' }
  | { page: 'mediaRequests' }
  | { page: 'wipe' }
  | { page: 'certificates' }
  | { page: 'mediaRules' }
  | { page: 'erecords' };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, second, third, fourth] = parts;
  if (first === 'cases' && second && third === 'records' && fourth) {
    return { page: 'record', caseId: decodeURIComponent(second), recordId: decodeURIComponent(fourth) };
  }
  if (first === 'cases' && second && third === 'dossier') return { page: 'dossier', caseId: decodeURIComponent(second) };
  if (first === 'dossiers') return { page: 'dossiers' };
  if (first === 'rules') return { page: 'rules' };
  if (first === 'cases' && second) return { page: 'case', caseId: decodeURIComponent(second) };
  if (first === 'cases') return { page: 'cases' };
  if (first === 'users') return { page: 'users' };
  if (first === 'audit') return { page: 'audit' };
  if (first === 'scans') return { page: 'scans' };
  if (first === 'signing') return { page: 'signing' };
  if (first === 'terminals') return { page: 'terminals' };
  if (first === 'borrowing') return { page: 'borrowing' };
  if (first === 'approvals') return { page: 'approvals' };
  if (first === 'reading' && second) return { page: 'reading', caseId: decodeURIComponent(second) };
  if (first === 'policy') return { page: 'policy' };
  if (first === 'explain') return { page: 'explain' };
  if (first === 'verify') return { page: 'verify' };
  if (first === 'media') return { page: 'media' };
  if (first === 'mediaRequests') return { page: 'mediaRequests' };
  if (first === 'wipe') return { page: 'wipe' };
  if (first === 'certificates') return { page: 'certificates' };
  if (first === 'mediaRules') return { page: 'mediaRules' };
  if (first === 'erecords') return { page: 'erecords' };
  return { page: 'home' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'case':
      return `#/cases/${encodeURIComponent(route.caseId)}`;
    case 'record':
      return `#/cases/${encodeURIComponent(route.caseId)}/records/${encodeURIComponent(route.recordId)}`;
    case 'dossier':
      return `#/cases/${encodeURIComponent(route.caseId)}/dossier`;
    case 'reading':
      return `#/reading/${encodeURIComponent(route.caseId)}`;
    case 'home':
      return '#/';
    default:
      return `#/${route.page}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
