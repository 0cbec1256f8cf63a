-- The questions an article answers, as its author wrote them, each embedded on its own. A
-- customer's question is nearer in meaning to another question than to the prose that answers
-- it, so the search matches against both. Never shown as an answer: the passage still comes
-- from knowledge_base. Rows are the article's current version only, like its chunks.
CREATE TABLE IF NOT EXISTS knowledge_questions (
  id              text PRIMARY KEY,
  article_id      text NOT NULL,
  article_version int  NOT NULL,
  question        text NOT NULL,
  embedding       vector(1536) NOT NULL,
  embedding_model text NOT NULL
);
CREATE INDEX IF NOT EXISTS knowledge_questions_embedding ON knowledge_questions USING hnsw (embedding vector_cosine_ops);
CREATE INDEX IF NOT EXISTS knowledge_questions_article ON knowledge_questions (article_id);

-- Analysts read the knowledge base; its questions are part of it (011 made the role).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fte_readonly') THEN
    GRANT SELECT ON knowledge_questions TO fte_readonly;
  END IF;
END $$;
