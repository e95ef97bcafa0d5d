-- A project written by qual-si 0.1.0 (schema 1); used to test upgrades. Generated once; never regenerate.
BEGIN TRANSACTION;
CREATE TABLE attribute_values (
	attribute_id INTEGER NOT NULL, 
	target_type VARCHAR(20) NOT NULL, 
	target_id INTEGER NOT NULL, 
	value_text TEXT, 
	value_number FLOAT, 
	PRIMARY KEY (attribute_id, target_type, target_id), 
	FOREIGN KEY(attribute_id) REFERENCES attributes (id) ON DELETE CASCADE
);
INSERT INTO "attribute_values" VALUES(1,'case',1,NULL,4.0);
CREATE TABLE attributes (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	name VARCHAR(400) NOT NULL, 
	scope VARCHAR(20) NOT NULL, 
	type VARCHAR(20) NOT NULL, 
	categories JSON, 
	derived_from INTEGER, 
	cuts JSON, 
	labels JSON, 
	hidden BOOLEAN NOT NULL, 
	position INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(derived_from) REFERENCES attributes (id) ON DELETE CASCADE, 
	CONSTRAINT uq_attribute_scope_name UNIQUE (scope, name)
);
INSERT INTO "attributes" VALUES(1,'schools','case','number','null',NULL,'null','null',0,0,'2026-11-23 01:40:55.051038');
CREATE TABLE cases (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	name VARCHAR(400) NOT NULL, 
	description TEXT NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	created_by INTEGER, 
	created_at DATETIME NOT NULL, 
	UNIQUE (name), 
	FOREIGN KEY(created_by) REFERENCES coders (id)
);
INSERT INTO "cases" VALUES(1,'T01','','8304fb09-2a02-458f-a60d-bce3375455de',1,'2026-11-23 01:40:55.045003');
CREATE TABLE codebooks (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	"key" VARCHAR(200) NOT NULL, 
	title TEXT NOT NULL, 
	alias VARCHAR(40), 
	source TEXT NOT NULL, 
	version VARCHAR(40) NOT NULL, 
	description TEXT NOT NULL, 
	"exclusive" BOOLEAN NOT NULL, 
	origin_path TEXT, 
	position INTEGER NOT NULL, 
	loaded_by INTEGER, 
	loaded_at DATETIME NOT NULL, 
	UNIQUE ("key"), 
	FOREIGN KEY(loaded_by) REFERENCES coders (id)
);
INSERT INTO "codebooks" VALUES(1,'project','Project codes',NULL,'','','Codes created in this project',0,NULL,10000,1,'2026-11-23 01:40:55.039485');
INSERT INTO "codebooks" VALUES(2,'d003_four_ps','The four Ps - purpose, performance, participation and process','4p','Greany, T. (2018). Sustainable improvement in multi-school groups (Research report, ref. DFE-2017/038, December 2018). London: Department for Education. UCL Institute of Education / University of Nottingham with Isos Partnership.','1.0','An analytic framework of four dimensions on which any school group can be characterised. Each dimension is a rating scale (1 weak to 5 strong) for case-level judgements of current and desired practice, and each code can also tag interview passages that provide evidence for the rating. The four dimensions define the ideal-type portraits in d003_typology_portraits.',0,'/work/main/codebooks/d003_four_ps.yaml',1,1,'2026-11-23 01:40:55.064460');
CREATE TABLE coders (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	name VARCHAR(400) NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	UNIQUE (name)
);
INSERT INTO "coders" VALUES(1,'first-release','999cd2a3-4553-4585-850b-a7c9994b2355','2026-11-23 01:40:55.036556');
CREATE TABLE codes (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	codebook_id INTEGER NOT NULL, 
	"key" VARCHAR(200) NOT NULL, 
	parent_id INTEGER, 
	position INTEGER NOT NULL, 
	name VARCHAR(400) NOT NULL, 
	definition TEXT NOT NULL, 
	inclusion TEXT NOT NULL, 
	exclusion TEXT NOT NULL, 
	examples JSON, 
	keywords JSON, 
	colour VARCHAR(7), 
	"exclusive" BOOLEAN NOT NULL, 
	scale JSON, 
	dimension VARCHAR(200), 
	memo TEXT NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	merged_into_id INTEGER, 
	origin VARCHAR(20) NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	created_by INTEGER, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT uq_code_codebook_key UNIQUE (codebook_id, "key"), 
	FOREIGN KEY(codebook_id) REFERENCES codebooks (id), 
	FOREIGN KEY(created_by) REFERENCES coders (id), 
	FOREIGN KEY(parent_id) REFERENCES codes (id), 
	FOREIGN KEY(merged_into_id) REFERENCES codes (id)
);
INSERT INTO "codes" VALUES(1,2,'purpose',NULL,0,'Purpose','The strength of the group''s sense of its reason for being and its values, and the extent to which that sense actually guides behaviour day to day. At the weak end purpose is narrowly instrumental, expressed in inspection grades; at the strong end a distinctive wider ethos runs through plans and committees and staff find it personally motivating.','Evidence about the distinctiveness, meaning and embedding of the vision and values; staff describing what motivates them about the trust; purpose expressed only as grades or results.','The detailed account of how values were developed is d003_strategic_areas.sa1_1 (with its sub-topics); the kind of mission is d003_mission_orientation. Rate purpose on the scale; do not use this code for strategy or operating model, which is d003_four_ps.process.','["If our purpose were just good inspection grades, I don''t think anyone would stay late for it.", "People here can tell you why the trust exists, and you can see it in how we spend money."]','["purpose", "why we exist", "vision", "values", "ethos", "moral purpose", "meaningful", "distinctive", "motivating", "embedded", "what we stand for", "mission"]','#1b9e77',0,'{"min": 1, "max": 5, "labels": {"1": "weak", "3": "developing", "5": "strong"}}',NULL,'Exec summary L447-453; §10.2, p.170-172, L2496-2563; Fig C.2. Headline question: are vision and values distinctive, meaningful and embedded?','active',NULL,'framework','8FEA4BEB-B445-55B9-97A0-B2C300064AEC',1,'2026-11-23 01:40:55.064460');
INSERT INTO "codes" VALUES(2,2,'performance',NULL,1,'Performance','The degree to which the group concentrates on, and delivers, improving both academic and wider results for every pupil, and whether staff experience a workplace that stretches them while helping them grow. Weak spots the source noted include using scale to broaden the curriculum, taking good schools further, and having a strategy for workload.','Evidence about outcomes and their improvement; sustainability of improvement; attention to wider outcomes beyond tests; stretch and development for staff; gaps such as no offer for good schools or no workload strategy.','Mission framed narrowly on results is d003_mission_orientation.performance_driven; the performance-led ideal type is d003_typology_portraits.performance_led. Specific data systems are d003_strategic_areas.sa4_1.','["Our results have gone up every year, but I''m less sure we''ve made it a place where teachers want to stay.", "We''re relentless about outcomes, and we''ve started to count the things that don''t show up in league tables too."]','["outcomes", "results", "attainment", "progress", "improve", "sustainable", "wider outcomes", "good to great", "high expectations", "demanding", "staff development", "workload"]','#d95f02',0,'{"min": 1, "max": 5, "labels": {"1": "weak", "3": "developing", "5": "strong"}}',NULL,'§10.2; Fig C.2. Headline question: is there a clear, sustainable focus on enabling staff and pupils to learn and improve?','active',NULL,'framework','59693A57-50E8-538D-BCBA-C2DF331A8516',1,'2026-11-23 01:40:55.064460');
INSERT INTO "codes" VALUES(3,2,'participation',NULL,2,'Participation','Whether the people with a stake in the trust (staff, pupils, families, local employers and the wider community) believe they are asked and listened to. It covers both the governance structures that give them a voice and the executive''s style of deciding, from directive to consultative or deliberative.','Evidence about who is consulted and included; heads'' and staff voice in trust decisions; parent, pupil and community engagement; governance that represents stakeholders; directive versus deliberative decisions.','The specific allocation style is d003_decision_allocation_styles; systematic feedback loops are d003_double_loop_learning (feedback_loops_*); decisions consistent with values are d003_strategic_areas.sa1_1d.','["The heads'' group can and does say no to me, and I think that''s healthy.", "We consult staff on everything except the things that matter most, and they know it."]','["participation", "consult", "consultation", "involve", "voice", "heard", "stakeholders", "parents", "community", "staff voice", "pupil voice", "have a say", "inclusive"]','#7570b3',0,'{"min": 1, "max": 5, "labels": {"1": "weak", "3": "developing", "5": "strong"}}',NULL,'§10.2; Fig C.2. Headline question: are key stakeholders engaged and included in decision-making?','active',NULL,'framework','3152627E-91FD-55A7-994B-326AC6A8A84B',1,'2026-11-23 01:40:55.064460');
INSERT INTO "codes" VALUES(4,2,'process',NULL,3,'Process','The clarity with which the group has spelled out how it operates and why it expects that to work (its structures, systems and processes), and how well it holds common ways of working in tension with local room for manoeuvre. The risk at the strong-systems end is bureaucracy without the habits of a learning organisation.','Evidence about the clarity and effectiveness of the operating model; written systems and processes; role clarity; balancing common systems with local flexibility; bureaucracy or procedure for its own sake.','The improvement strategy itself is d003_strategic_areas.sa1_2; consistency of particular practices is d003_practice_consistency; the process-led ideal type is d003_typology_portraits.process_led.','["Everyone knows how the system works: who visits, when, what happens after, who signs it off.", "We''ve got a process for everything, and sometimes I wonder if the processes have become the point."]','["process", "processes", "systems", "operating model", "structures", "theory of action", "clear roles", "procedures", "consistency", "flexibility", "bureaucracy", "how we work"]','#e7298a',0,'{"min": 1, "max": 5, "labels": {"1": "weak", "3": "developing", "5": "strong"}}',NULL,'§10.2; Fig C.2. Headline question: is the operating model clear, flexible and effective in securing continuous improvement at all levels?','active',NULL,'framework','1B924150-6A95-551C-B5A3-28F0D36C343A',1,'2026-11-23 01:40:55.064460');
CREATE TABLE codings (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	document_id INTEGER NOT NULL, 
	code_id INTEGER NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	coder_id INTEGER NOT NULL, 
	origin VARCHAR(20) NOT NULL, 
	score FLOAT, 
	snippet TEXT NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(coder_id) REFERENCES coders (id), 
	FOREIGN KEY(code_id) REFERENCES codes (id), 
	FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE
);
INSERT INTO "codings" VALUES(1,1,1,46,61,1,'manual',NULL,'Four primaries.','0dfa2fc4-54ad-4551-ae69-56c0b8aeb93c','2026-11-23 01:40:55.074948');
CREATE TABLE document_texts (
	document_id INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (document_id), 
	FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE
);
INSERT INTO "document_texts" VALUES(1,'Interviewer: How many schools?
Participant 1: Four primaries. (0:12)
');
CREATE TABLE documents (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	name VARCHAR(400) NOT NULL, 
	case_id INTEGER, 
	kind VARCHAR(40) NOT NULL, 
	source_name TEXT NOT NULL, 
	source_format VARCHAR(20) NOT NULL, 
	encoding VARCHAR(40), 
	sha256 VARCHAR(64) NOT NULL, 
	word_count INTEGER NOT NULL, 
	char_count INTEGER NOT NULL, 
	utterance_count INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	metadata JSON, 
	imported_by INTEGER, 
	imported_at DATETIME NOT NULL, 
	UNIQUE (name), 
	UNIQUE (sha256), 
	FOREIGN KEY(case_id) REFERENCES cases (id) ON DELETE SET NULL, 
	FOREIGN KEY(imported_by) REFERENCES coders (id)
);
INSERT INTO "documents" VALUES(1,'T01-ceo',1,'interview','T01-ceo.txt','txt','utf-8','18260588891267a43c52f0d3e600511134f1ff08fcd7a14d95705e2021fc3a5c',5,69,2,'e27da6a3-a9c3-4a97-8681-ea4c9d99a03e','{"warnings": ["timestamps on 1 of 2 utterances"]}',1,'2026-11-23 01:40:55.045003');
CREATE TABLE embeddings (
	text_hash VARCHAR(64) NOT NULL, 
	embedder_id VARCHAR(200) NOT NULL, 
	dim INTEGER NOT NULL, 
	vector BLOB NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (text_hash, embedder_id)
);
CREATE TABLE events (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	at DATETIME NOT NULL, 
	coder_id INTEGER, 
	action VARCHAR(64) NOT NULL, 
	payload JSON, 
	changes JSON, 
	undoable BOOLEAN NOT NULL, 
	undone BOOLEAN NOT NULL, 
	target_event_id INTEGER, 
	FOREIGN KEY(coder_id) REFERENCES coders (id)
);
INSERT INTO "events" VALUES(1,'2026-11-23 01:40:55.036556',1,'coder.register','{"coder": "first-release"}','null',0,0,NULL);
INSERT INTO "events" VALUES(2,'2026-11-23 01:40:55.039485',1,'project.create','{"name": "made by schema 1"}','null',0,0,NULL);
INSERT INTO "events" VALUES(3,'2026-11-23 01:40:55.045003',1,'document.import','{"document": "T01-ceo", "source": "/tmp/tmp8h3svs8h/T01-ceo.txt", "utterances": 2, "speakers": ["Interviewer", "Participant 1"], "document_id": 1, "sha256": "18260588891267a43c52f0d3e600511134f1ff08fcd7a14d95705e2021fc3a5c"}','[{"table": "cases", "op": "insert", "pk": {"id": 1}, "after": {"id": 1, "name": "T01", "description": "", "guid": "8304fb09-2a02-458f-a60d-bce3375455de", "created_by": 1, "created_at": "2026-11-23T01:40:55.045003+00:00"}}]',0,0,NULL);
INSERT INTO "events" VALUES(4,'2026-11-23 01:40:55.051038',1,'attribute.set','{"case": "T01", "attribute": "schools", "value": "4"}','[{"table": "attributes", "op": "insert", "pk": {"id": 1}, "after": {"id": 1, "name": "schools", "scope": "case", "type": "number", "categories": null, "derived_from": null, "cuts": null, "labels": null, "hidden": false, "position": 0, "created_at": "2026-11-23T01:40:55.051038+00:00"}}, {"table": "attribute_values", "op": "insert", "pk": {"attribute_id": 1, "target_type": "case", "target_id": 1}, "after": {"attribute_id": 1, "target_type": "case", "target_id": 1, "value_text": null, "value_number": 4.0}}]',1,0,NULL);
INSERT INTO "events" VALUES(5,'2026-11-23 01:40:55.064460',1,'codebook.load','{"codebook": "d003_four_ps", "on_conflict": "fail", "added": 4}','[{"table": "codebooks", "op": "insert", "pk": {"id": 2}, "after": {"id": 2, "key": "d003_four_ps", "title": "The four Ps - purpose, performance, participation and process", "alias": "4p", "source": "Greany, T. (2018). Sustainable improvement in multi-school groups (Research report, ref. DFE-2017/038, December 2018). London: Department for Education. UCL Institute of Education / University of Nottingham with Isos Partnership.", "version": "1.0", "description": "An analytic framework of four dimensions on which any school group can be characterised. Each dimension is a rating scale (1 weak to 5 strong) for case-level judgements of current and desired practice, and each code can also tag interview passages that provide evidence for the rating. The four dimensions define the ideal-type portraits in d003_typology_portraits.", "exclusive": false, "origin_path": "/work/main/codebooks/d003_four_ps.yaml", "position": 1, "loaded_by": 1, "loaded_at": "2026-11-23T01:40:55.064460+00:00"}}, {"table": "codes", "op": "insert", "pk": {"id": 1}, "after": {"id": 1, "codebook_id": 2, "key": "purpose", "parent_id": null, "position": 0, "name": "Purpose", "definition": "The strength of the group''s sense of its reason for being and its values, and the extent to which that sense actually guides behaviour day to day. At the weak end purpose is narrowly instrumental, expressed in inspection grades; at the strong end a distinctive wider ethos runs through plans and committees and staff find it personally motivating.", "inclusion": "Evidence about the distinctiveness, meaning and embedding of the vision and values; staff describing what motivates them about the trust; purpose expressed only as grades or results.", "exclusion": "The detailed account of how values were developed is d003_strategic_areas.sa1_1 (with its sub-topics); the kind of mission is d003_mission_orientation. Rate purpose on the scale; do not use this code for strategy or operating model, which is d003_four_ps.process.", "examples": ["If our purpose were just good inspection grades, I don''t think anyone would stay late for it.", "People here can tell you why the trust exists, and you can see it in how we spend money."], "keywords": ["purpose", "why we exist", "vision", "values", "ethos", "moral purpose", "meaningful", "distinctive", "motivating", "embedded", "what we stand for", "mission"], "colour": "#1b9e77", "exclusive": false, "scale": {"min": 1, "max": 5, "labels": {"1": "weak", "3": "developing", "5": "strong"}}, "dimension": null, "memo": "Exec summary L447-453; \u00a710.2, p.170-172, L2496-2563; Fig C.2. Headline question: are vision and values distinctive, meaningful and embedded?", "status": "active", "merged_into_id": null, "origin": "framework", "guid": "8FEA4BEB-B445-55B9-97A0-B2C300064AEC", "created_by": 1, "created_at": "2026-11-23T01:40:55.064460+00:00"}}, {"table": "codes", "op": "insert", "pk": {"id": 2}, "after": {"id": 2, "codebook_id": 2, "key": "performance", "parent_id": null, "position": 1, "name": "Performance", "definition": "The degree to which the group concentrates on, and delivers, improving both academic and wider results for every pupil, and whether staff experience a workplace that stretches them while helping them grow. Weak spots the source noted include using scale to broaden the curriculum, taking good schools further, and having a strategy for workload.", "inclusion": "Evidence about outcomes and their improvement; sustainability of improvement; attention to wider outcomes beyond tests; stretch and development for staff; gaps such as no offer for good schools or no workload strategy.", "exclusion": "Mission framed narrowly on results is d003_mission_orientation.performance_driven; the performance-led ideal type is d003_typology_portraits.performance_led. Specific data systems are d003_strategic_areas.sa4_1.", "examples": ["Our results have gone up every year, but I''m less sure we''ve made it a place where teachers want to stay.", "We''re relentless about outcomes, and we''ve started to count the things that don''t show up in league tables too."], "keywords": ["outcomes", "results", "attainment", "progress", "improve", "sustainable", "wider outcomes", "good to great", "high expectations", "demanding", "staff development", "workload"], "colour": "#d95f02", "exclusive": false, "scale": {"min": 1, "max": 5, "labels": {"1": "weak", "3": "developing", "5": "strong"}}, "dimension": null, "memo": "\u00a710.2; Fig C.2. Headline question: is there a clear, sustainable focus on enabling staff and pupils to learn and improve?", "status": "active", "merged_into_id": null, "origin": "framework", "guid": "59693A57-50E8-538D-BCBA-C2DF331A8516", "created_by": 1, "created_at": "2026-11-23T01:40:55.064460+00:00"}}, {"table": "codes", "op": "insert", "pk": {"id": 3}, "after": {"id": 3, "codebook_id": 2, "key": "participation", "parent_id": null, "position": 2, "name": "Participation", "definition": "Whether the people with a stake in the trust (staff, pupils, families, local employers and the wider community) believe they are asked and listened to. It covers both the governance structures that give them a voice and the executive''s style of deciding, from directive to consultative or deliberative.", "inclusion": "Evidence about who is consulted and included; heads'' and staff voice in trust decisions; parent, pupil and community engagement; governance that represents stakeholders; directive versus deliberative decisions.", "exclusion": "The specific allocation style is d003_decision_allocation_styles; systematic feedback loops are d003_double_loop_learning (feedback_loops_*); decisions consistent with values are d003_strategic_areas.sa1_1d.", "examples": ["The heads'' group can and does say no to me, and I think that''s healthy.", "We consult staff on everything except the things that matter most, and they know it."], "keywords": ["participation", "consult", "consultation", "involve", "voice", "heard", "stakeholders", "parents", "community", "staff voice", "pupil voice", "have a say", "inclusive"], "colour": "#7570b3", "exclusive": false, "scale": {"min": 1, "max": 5, "labels": {"1": "weak", "3": "developing", "5": "strong"}}, "dimension": null, "memo": "\u00a710.2; Fig C.2. Headline question: are key stakeholders engaged and included in decision-making?", "status": "active", "merged_into_id": null, "origin": "framework", "guid": "3152627E-91FD-55A7-994B-326AC6A8A84B", "created_by": 1, "created_at": "2026-11-23T01:40:55.064460+00:00"}}, {"table": "codes", "op": "insert", "pk": {"id": 4}, "after": {"id": 4, "codebook_id": 2, "key": "process", "parent_id": null, "position": 3, "name": "Process", "definition": "The clarity with which the group has spelled out how it operates and why it expects that to work (its structures, systems and processes), and how well it holds common ways of working in tension with local room for manoeuvre. The risk at the strong-systems end is bureaucracy without the habits of a learning organisation.", "inclusion": "Evidence about the clarity and effectiveness of the operating model; written systems and processes; role clarity; balancing common systems with local flexibility; bureaucracy or procedure for its own sake.", "exclusion": "The improvement strategy itself is d003_strategic_areas.sa1_2; consistency of particular practices is d003_practice_consistency; the process-led ideal type is d003_typology_portraits.process_led.", "examples": ["Everyone knows how the system works: who visits, when, what happens after, who signs it off.", "We''ve got a process for everything, and sometimes I wonder if the processes have become the point."], "keywords": ["process", "processes", "systems", "operating model", "structures", "theory of action", "clear roles", "procedures", "consistency", "flexibility", "bureaucracy", "how we work"], "colour": "#e7298a", "exclusive": false, "scale": {"min": 1, "max": 5, "labels": {"1": "weak", "3": "developing", "5": "strong"}}, "dimension": null, "memo": "\u00a710.2; Fig C.2. Headline question: is the operating model clear, flexible and effective in securing continuous improvement at all levels?", "status": "active", "merged_into_id": null, "origin": "framework", "guid": "1B924150-6A95-551C-B5A3-28F0D36C343A", "created_by": 1, "created_at": "2026-11-23T01:40:55.064460+00:00"}}]',1,0,NULL);
INSERT INTO "events" VALUES(6,'2026-11-23 01:40:55.074948',1,'coding.add','{"document": "T01-ceo", "code": "d003_four_ps.purpose", "start": 46, "end": 61, "coding": 1}','[{"table": "codings", "op": "insert", "pk": {"id": 1}, "after": {"id": 1, "document_id": 1, "code_id": 1, "start": 46, "end": 61, "coder_id": 1, "origin": "manual", "score": null, "snippet": "Four primaries.", "guid": "0dfa2fc4-54ad-4551-ae69-56c0b8aeb93c", "created_at": "2026-11-23T01:40:55.074948+00:00"}}]',1,0,NULL);
INSERT INTO "events" VALUES(7,'2026-11-23 01:40:55.080864',1,'memo.set','{"target": "document", "id": "T01-ceo"}','[{"table": "memos", "op": "insert", "pk": {"id": 1}, "after": {"id": 1, "target_type": "document", "target_id": 1, "text": "A first-release memo.", "author_id": 1, "guid": "f85f8b62-0dc3-49c8-8ee4-fbaa21ade9f0", "created_at": "2026-11-23T01:40:55.080864+00:00", "updated_at": "2026-11-23T01:40:55.080864+00:00"}}]',1,0,NULL);
CREATE TABLE framework_cells (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	case_id INTEGER NOT NULL, 
	code_id INTEGER NOT NULL, 
	summary TEXT NOT NULL, 
	author_id INTEGER NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT uq_framework_cell UNIQUE (case_id, code_id), 
	FOREIGN KEY(case_id) REFERENCES cases (id) ON DELETE CASCADE, 
	FOREIGN KEY(code_id) REFERENCES codes (id), 
	FOREIGN KEY(author_id) REFERENCES coders (id)
);
CREATE TABLE judgements (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	case_id INTEGER NOT NULL, 
	group_code_id INTEGER NOT NULL, 
	value_code_id INTEGER NOT NULL, 
	facet VARCHAR(400), 
	rater_id INTEGER NOT NULL, 
	note TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(value_code_id) REFERENCES codes (id), 
	FOREIGN KEY(case_id) REFERENCES cases (id) ON DELETE CASCADE, 
	FOREIGN KEY(group_code_id) REFERENCES codes (id), 
	FOREIGN KEY(rater_id) REFERENCES coders (id)
);
CREATE TABLE memos (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	target_type VARCHAR(20) NOT NULL, 
	target_id INTEGER, 
	text TEXT NOT NULL, 
	author_id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	FOREIGN KEY(author_id) REFERENCES coders (id)
);
INSERT INTO "memos" VALUES(1,'document',1,'A first-release memo.',1,'f85f8b62-0dc3-49c8-8ee4-fbaa21ade9f0','2026-11-23 01:40:55.080864','2026-11-23 01:40:55.080864');
CREATE TABLE participants (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	name VARCHAR(400) NOT NULL, 
	case_id INTEGER, 
	pseudonym VARCHAR(400), 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(case_id) REFERENCES cases (id) ON DELETE SET NULL
);
CREATE TABLE qualsi_meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "qualsi_meta" VALUES('format','qual-si-project');
INSERT INTO "qualsi_meta" VALUES('schema_version','1');
INSERT INTO "qualsi_meta" VALUES('name','made by schema 1');
INSERT INTO "qualsi_meta" VALUES('created_at','2026-11-23T01:40:55.031961+00:00');
INSERT INTO "qualsi_meta" VALUES('created_with','qual-si 0.1.0');
CREATE TABLE ratings (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	case_id INTEGER, 
	participant_id INTEGER, 
	code_id INTEGER NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	value FLOAT NOT NULL, 
	rater_id INTEGER NOT NULL, 
	rationale TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(code_id) REFERENCES codes (id), 
	FOREIGN KEY(rater_id) REFERENCES coders (id), 
	FOREIGN KEY(case_id) REFERENCES cases (id) ON DELETE CASCADE, 
	FOREIGN KEY(participant_id) REFERENCES participants (id) ON DELETE CASCADE
);
CREATE TABLE schema_migrations (
	version INTEGER NOT NULL, 
	description TEXT NOT NULL, 
	applied_at DATETIME NOT NULL, 
	PRIMARY KEY (version)
);
INSERT INTO "schema_migrations" VALUES(1,'initial schema: cases, attributes, documents, utterances, codes, codings, memos, ratings, judgements, suggestions, topics, coders, events','2026-11-23 01:40:55.030899');
CREATE TABLE segments (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	document_id INTEGER NOT NULL, 
	utterance_id INTEGER, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text_hash VARCHAR(64) NOT NULL, 
	segmenter VARCHAR(100) NOT NULL, 
	FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE, 
	FOREIGN KEY(utterance_id) REFERENCES utterances (id) ON DELETE CASCADE
);
CREATE TABLE settings (
	"key" VARCHAR(200) NOT NULL, 
	value JSON, 
	PRIMARY KEY ("key")
);
CREATE TABLE speakers (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	document_id INTEGER NOT NULL, 
	name VARCHAR(400) NOT NULL, 
	role VARCHAR(20) NOT NULL, 
	participant_id INTEGER, 
	CONSTRAINT uq_speaker_document_name UNIQUE (document_id, name), 
	FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE, 
	FOREIGN KEY(participant_id) REFERENCES participants (id) ON DELETE SET NULL
);
INSERT INTO "speakers" VALUES(1,1,'Interviewer','interviewer',NULL);
INSERT INTO "speakers" VALUES(2,1,'Participant 1','participant',NULL);
CREATE TABLE suggestions (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	document_id INTEGER NOT NULL, 
	segment_id INTEGER, 
	code_id INTEGER NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	score FLOAT NOT NULL, 
	evidence JSON, 
	status VARCHAR(20) NOT NULL, 
	source VARCHAR(20) NOT NULL, 
	coding_id INTEGER, 
	decided_by INTEGER, 
	decided_at DATETIME, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(code_id) REFERENCES codes (id) ON DELETE CASCADE, 
	FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE, 
	FOREIGN KEY(decided_by) REFERENCES coders (id), 
	CONSTRAINT uq_suggestion_span_code UNIQUE (document_id, start, "end", code_id), 
	FOREIGN KEY(coding_id) REFERENCES codings (id) ON DELETE SET NULL, 
	FOREIGN KEY(segment_id) REFERENCES segments (id) ON DELETE SET NULL
);
CREATE TABLE topic_assignments (
	run_id INTEGER NOT NULL, 
	segment_id INTEGER NOT NULL, 
	topic_number INTEGER NOT NULL, 
	probability FLOAT, 
	PRIMARY KEY (run_id, segment_id), 
	FOREIGN KEY(segment_id) REFERENCES segments (id) ON DELETE CASCADE, 
	FOREIGN KEY(run_id) REFERENCES topic_runs (id) ON DELETE CASCADE
);
CREATE TABLE topic_runs (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	kind VARCHAR(20) NOT NULL, 
	embedder_id VARCHAR(200) NOT NULL, 
	params JSON, 
	metrics JSON, 
	n_segments INTEGER NOT NULL, 
	n_outliers INTEGER NOT NULL, 
	seed INTEGER NOT NULL, 
	created_by INTEGER, 
	created_at DATETIME NOT NULL, 
	FOREIGN KEY(created_by) REFERENCES coders (id)
);
CREATE TABLE topics (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	run_id INTEGER NOT NULL, 
	number INTEGER NOT NULL, 
	label TEXT NOT NULL, 
	keywords JSON, 
	size INTEGER NOT NULL, 
	representative JSON, 
	promoted_code_id INTEGER, 
	FOREIGN KEY(run_id) REFERENCES topic_runs (id) ON DELETE CASCADE, 
	FOREIGN KEY(promoted_code_id) REFERENCES codes (id) ON DELETE SET NULL, 
	CONSTRAINT uq_topic_run_number UNIQUE (run_id, number)
);
CREATE TABLE ui_state (
	coder_id INTEGER NOT NULL, 
	"key" VARCHAR(200) NOT NULL, 
	value JSON, 
	PRIMARY KEY (coder_id, "key"), 
	FOREIGN KEY(coder_id) REFERENCES coders (id) ON DELETE CASCADE
);
CREATE TABLE utterances (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	document_id INTEGER NOT NULL, 
	idx INTEGER NOT NULL, 
	speaker_id INTEGER, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	start_s FLOAT, 
	end_s FLOAT, 
	word_count INTEGER NOT NULL, 
	CONSTRAINT uq_utterance_document_idx UNIQUE (document_id, idx), 
	FOREIGN KEY(speaker_id) REFERENCES speakers (id) ON DELETE SET NULL, 
	FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE
);
INSERT INTO "utterances" VALUES(1,1,0,1,13,30,NULL,12.0,3);
INSERT INTO "utterances" VALUES(2,1,1,2,46,61,12.0,NULL,2);
CREATE INDEX ix_events_coder ON events (coder_id, id);
CREATE INDEX ix_memos_target ON memos (target_type, target_id);
CREATE INDEX ix_codings_coder ON codings (coder_id);
CREATE INDEX ix_codings_code ON codings (code_id);
CREATE INDEX ix_codings_document ON codings (document_id, start);
CREATE INDEX ix_ratings_case ON ratings (case_id, code_id);
CREATE INDEX ix_segments_document ON segments (document_id, start);
CREATE INDEX ix_suggestions_status_score ON suggestions (status, score);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('coders',1);
INSERT INTO "sqlite_sequence" VALUES('events',7);
INSERT INTO "sqlite_sequence" VALUES('codebooks',2);
INSERT INTO "sqlite_sequence" VALUES('cases',1);
INSERT INTO "sqlite_sequence" VALUES('documents',1);
INSERT INTO "sqlite_sequence" VALUES('speakers',2);
INSERT INTO "sqlite_sequence" VALUES('utterances',2);
INSERT INTO "sqlite_sequence" VALUES('attributes',1);
INSERT INTO "sqlite_sequence" VALUES('codes',4);
INSERT INTO "sqlite_sequence" VALUES('codings',1);
INSERT INTO "sqlite_sequence" VALUES('memos',1);
COMMIT;
