// diplograph schema for Neo4j 5. Applied statement by statement when the store opens;
// every statement is idempotent (IF NOT EXISTS). Keep in step with graph_schema/model.py.
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT treaty_id IF NOT EXISTS FOR (n:Treaty) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT alliance_id IF NOT EXISTS FOR (n:Alliance) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE INDEX statement_date IF NOT EXISTS FOR (n:Statement) ON (n.date);
CREATE INDEX document_outlet IF NOT EXISTS FOR (n:Document) ON (n.outlet);
CREATE INDEX entity_name_key IF NOT EXISTS FOR (n:Entity) ON (n.name_key);
// Word search for people exploring in Neo4j Browser (example_queries.cypher); no diplograph
// query depends on them. Transactional (a search right after an ingest finds what it wrote):
// making them eventually consistent showed no write gain clearly above the noise of
// bench/ingest.py --quick on this shared machine.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases_text];
CREATE FULLTEXT INDEX statement_quotes IF NOT EXISTS FOR (n:Statement) ON EACH [n.quote];
// Name resolution: a name key (stores.base.name_key) equal to an entity's name key or one of
// its alias keys; "keyword" keeps each whole key as one term, list elements included.
CREATE FULLTEXT INDEX entity_keys IF NOT EXISTS FOR (n:Entity) ON EACH [n.name_key, n.alias_keys]
    OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
// Speaker tallies (stores/tallies.py, kept by the Neo4j store): found by key when a write
// updates one, rather than among the thousands of tallies of a popular speaker or target.
CREATE INDEX criticizes_tally_key IF NOT EXISTS FOR ()-[t:CRITICIZES_TALLY]-() ON (t.key);
CREATE INDEX supports_tally_key IF NOT EXISTS FOR ()-[t:SUPPORTS_TALLY]-() ON (t.key);
