import { migration0001 } from './0001-people-and-audit';
import { migration0002 } from './0002-cases-and-records';
import { migration0003 } from './0003-case-search';
import { migration0004 } from './0004-signing-identities';
import { migration0005 } from './0005-record-versions';
import { migration0006 } from './0006-record-corrections';
import { migration0007 } from './0007-record-pages';
import { migration0008 } from './0008-dossiers';
import { migration0009 } from './0009-pdf-record-pages';
import { migration0010 } from './0010-terminals';
import { migration0011 } from './0011-access';
import { migration0012 } from './0012-media';
import { migration0013 } from './0013-electronic-records';

/** Every migration, in order. Never edit a shipped one: add the next number. */
export const MIGRATIONS = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013];
