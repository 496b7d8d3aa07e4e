"""Articles: the text of a news article -> proposed incidents, each with its evidence.

Modules: `text` (pasted text or a .txt/.html/.md file -> words), `metadata` (publication
date, publisher, author, title read from the text), `sentences` (offsets of each sentence),
the date grammar (`dates`: intervals and conventions; `date_rules`: the patterns;
`date_resolvers` and `date_relative`: from words to intervals), the place finder
(`place_spans` and `place_tails`: names and what stands around them; `place_finder`: the
places of a sentence; `places`: placed with the geocoder; `place_register`: the site
register's names; `plants`: power plants named for a town or region, in the register of
power plants; `place_context`: places given by pointing at others), `lexicon` (event,
munition and facility words), `counts` (munitions and casualties), `attribution` (who says
so), `events` (a sentence -> what it states happened), `repeats` (earlier strikes told only
by their count: "the second time"), `country_level` (when a strike told only at a country
is proposed there), `proposals` (events -> one dated proposal per
incident), `parse` (all of it in order) and `rows` (proposals as rows of the import
template, through the import preview).
"""
