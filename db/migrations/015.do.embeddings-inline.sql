-- A 1536-float vector is 6 KB, over the 2 KB at which Postgres moves values out of a row, and
-- vector stores out of line by default: every distance the search computed first fetched its
-- vector from the TOAST table. Under load that made the question search 3.7 ms a call, the most
-- expensive statement of a reply; kept in the row it is about 0.9 ms.
-- PLAIN keeps the vector in the row. The row is still over 2 KB, so Postgres would then move the
-- other columns out instead, however small (the passage, its tsvector); MAIN keeps them in too,
-- compressed if need be, and moves one out only when the row would not fit a page otherwise.
ALTER TABLE knowledge_base ALTER COLUMN embedding SET STORAGE PLAIN;
ALTER TABLE knowledge_questions ALTER COLUMN embedding SET STORAGE PLAIN;
ALTER TABLE knowledge_candidates ALTER COLUMN embedding SET STORAGE PLAIN;
DO $$
DECLARE c record;
BEGIN
  FOR c IN
    SELECT a.attrelid::regclass AS t, a.attname AS col FROM pg_attribute a
     WHERE a.attrelid IN ('knowledge_base'::regclass, 'knowledge_questions'::regclass, 'knowledge_candidates'::regclass)
       AND a.attnum > 0 AND NOT a.attisdropped AND a.attstorage = 'x'
  LOOP
    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET STORAGE MAIN', c.t, c.col);
  END LOOP;
END $$;

-- SET STORAGE applies to rows written from now on: rewrite the ones there (a fresh vector each,
-- so none keeps its out-of-line copy). The knowledge base is small; this runs once.
UPDATE knowledge_base SET embedding = embedding::real[]::vector;
UPDATE knowledge_questions SET embedding = embedding::real[]::vector;
UPDATE knowledge_candidates SET embedding = embedding::real[]::vector;
