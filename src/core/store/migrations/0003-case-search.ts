import type { Migration } from '../migrate';

/**
 * Substring search over case number, party name and cause, Chinese included. The trigram tokenizer
 * indexes every 3-character window, so any substring of 3 or more characters is an index lookup;
 * shorter ones (a 2-character surname) fall back to a scan in src/core/cases/search.ts.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'case-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE case_search USING fts5(
        case_number, party_name, cause,
        content = 'cases', content_rowid = 'id', tokenize = 'trigram'
      );
      CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
        INSERT INTO case_search(rowid, case_number, party_name, cause)
        VALUES (new.id, new.case_number, new.party_name, new.cause);
      END;
      CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
        INSERT INTO case_search(case_search, rowid, case_number, party_name, cause)
        VALUES ('delete', old.id, old.case_number, old.party_name, old.cause);
      END;
      CREATE TRIGGER cases_search_update AFTER UPDATE OF case_number, party_name, cause ON cases BEGIN
        INSERT INTO case_search(case_search, rowid, case_number, party_name, cause)
        VALUES ('delete', old.id, old.case_number, old.party_name, old.cause);
        INSERT INTO case_search(rowid, case_number, party_name, cause)
        VALUES (new.id, new.case_number, new.party_name, new.cause);
      END;
      INSERT INTO case_search(case_search) VALUES ('rebuild');
    `);
  },
};
