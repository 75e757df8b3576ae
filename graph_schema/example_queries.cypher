// Example queries for exploring a diplograph graph in Neo4j Browser (http://127.0.0.1:7474/browser/).
// Load graph_schema/browser.grass first (drag it onto the Browser window) for captions and colours.
// Each query starts with its title; a query that needs a value says which, as a Browser
// command to run first (":param name => 'value'"). tests/neo4j/test_example_queries.py runs
// every query on a small known graph.

// Who criticized whom
// Speakers and the entities their statements criticize, by number of statements.
MATCH (speaker:Entity)-[:SAID]->(statement:Statement)-[:CRITICIZES]->(target:Entity)
RETURN speaker.name AS speaker, target.name AS target, count(DISTINCT statement) AS statements
ORDER BY statements DESC, speaker, target;

// A speaker's statements over time
// Oldest first, with the stances each one takes; undated statements last.
// :param speaker => 'Anna Petrova'
MATCH (speaker:Entity)-[:SAID]->(statement:Statement)
WHERE speaker.name = $speaker OR speaker.id = $speaker
OPTIONAL MATCH (statement)-[stance:CRITICIZES|SUPPORTS]->(target:Entity)
WITH statement, collect(toLower(type(stance)) + ' ' + target.name) AS stances
RETURN statement.date AS date, statement.quote AS quote, stances
ORDER BY date IS NULL, date, statement.id;

// Statements whose quote holds some words
// Full-text search of quotes (the statement_quotes index, Lucene syntax: sanctions,
// "peace treaty", nuclear AND test), newest first.
// :param words => 'relic OR divides'
CALL db.index.fulltext.queryNodes('statement_quotes', $words) YIELD node AS statement
MATCH (speaker:Entity)-[:SAID]->(statement)
RETURN speaker.name AS speaker, statement.date AS date, statement.quote AS quote
ORDER BY date DESC, statement.id;

// Treaties and alliances with their parties
// With the number of statements supporting and criticizing each.
MATCH (treaty:Treaty|Alliance)
OPTIONAL MATCH (party:Entity)-[:PARTY_TO]->(treaty)
WITH treaty, party
ORDER BY party.name
WITH treaty, collect(party.name) AS parties
RETURN treaty.name AS treaty,
       [label IN labels(treaty) WHERE label IN ['Treaty', 'Alliance']][0] AS kind,
       treaty.year AS year,
       parties,
       COUNT { (treaty)<-[:SUPPORTS]-(:Statement) } AS supported,
       COUNT { (treaty)<-[:CRITICIZES]-(:Statement) } AS criticized
ORDER BY treaty;

// A story and its reprints
// Each reprint (REPRINT_OF the first document of its story) with the statements both report.
MATCH (reprint:Document)-[:REPRINT_OF]->(story:Document)
OPTIONAL MATCH (story)<-[:REPORTED_IN]-(statement:Statement)-[:REPORTED_IN]->(reprint)
WITH story, reprint, statement
ORDER BY statement.id
WITH story, reprint, collect(statement.quote) AS shared_quotes
RETURN story.outlet AS outlet, story.title AS story, story.published AS published,
       reprint.outlet AS reprinted_by, reprint.published AS reprinted, shared_quotes
ORDER BY published, story, reprinted, reprinted_by;

// Who criticized an entity, as a graph
// Speakers, their statements and the documents reporting them (switch to the Graph view).
// :param target => 'Japan-US alliance'
MATCH said = (speaker:Entity)-[:SAID]->(statement:Statement)-[:CRITICIZES]->(target:Entity)
WHERE target.name = $target OR target.id = $target
MATCH reported = (statement)-[:REPORTED_IN]->(:Document)
RETURN said, reported;
