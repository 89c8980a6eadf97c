CREATE TABLE states (
	id INTEGER NOT NULL, 
	name VARCHAR(80) NOT NULL, 
	lgd_code INTEGER, 
	name_hi VARCHAR(80), 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE TABLE stats (
	id INTEGER NOT NULL, 
	as_of VARCHAR(40) NOT NULL, 
	metric TEXT NOT NULL, 
	value VARCHAR(80) NOT NULL, 
	unit VARCHAR(40) NOT NULL, 
	source_url TEXT NOT NULL, 
	source_title TEXT NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE regional_authorities (
	id INTEGER NOT NULL, 
	city VARCHAR(80) NOT NULL, 
	state VARCHAR(80) NOT NULL, 
	state_verified BOOLEAN NOT NULL, 
	status_note TEXT NOT NULL, 
	address TEXT NOT NULL, 
	phone VARCHAR(80) NOT NULL, 
	email VARCHAR(120) NOT NULL, 
	source TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (city)
);
CREATE TABLE export_councils (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	short_name VARCHAR(40) NOT NULL, 
	sector TEXT NOT NULL, 
	relevance TEXT NOT NULL, 
	website VARCHAR(200) NOT NULL, 
	website_verified BOOLEAN NOT NULL, 
	source TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE TABLE faqs (
	id INTEGER NOT NULL, 
	topic VARCHAR(40) NOT NULL, 
	question TEXT NOT NULL, 
	answer TEXT NOT NULL, 
	source TEXT NOT NULL, 
	as_of VARCHAR(40) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (topic)
);
CREATE TABLE meta (
	"key" VARCHAR(60) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE import_issues (
	id INTEGER NOT NULL, 
	line INTEGER NOT NULL, 
	kind VARCHAR(40) NOT NULL, 
	message TEXT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE bot_user_preferences (
	user_id BIGINT NOT NULL, 
	lang VARCHAR(8) NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (user_id)
);
CREATE TABLE bot_queries (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	kind VARCHAR(12) NOT NULL, 
	lang VARCHAR(8) NOT NULL, 
	text TEXT NOT NULL, 
	intent VARCHAR(30) NOT NULL, 
	answered BOOLEAN NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_bot_queries_answered_at ON bot_queries (answered, at);
CREATE TABLE bot_feedback (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	user_id BIGINT NOT NULL, 
	chat_id BIGINT NOT NULL, 
	message_id INTEGER NOT NULL, 
	vote SMALLINT NOT NULL, 
	subject VARCHAR(64) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (user_id, chat_id, message_id)
);
CREATE TABLE districts (
	id INTEGER NOT NULL, 
	state_id INTEGER NOT NULL, 
	name VARCHAR(80) NOT NULL, 
	lgd_code INTEGER, 
	census2011_code INTEGER, 
	name_hi VARCHAR(120), 
	name_hi_source TEXT, 
	source TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (state_id, name), 
	FOREIGN KEY(state_id) REFERENCES states (id), 
	UNIQUE (lgd_code)
);
CREATE TABLE ra_jurisdictions (
	id INTEGER NOT NULL, 
	authority_id INTEGER NOT NULL, 
	state VARCHAR(80) NOT NULL, 
	scope TEXT NOT NULL, 
	evidence_type TEXT NOT NULL, 
	source TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(authority_id) REFERENCES regional_authorities (id)
);
CREATE TABLE district_aliases (
	id INTEGER NOT NULL, 
	district_id INTEGER NOT NULL, 
	alias VARCHAR(120) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (district_id, alias), 
	FOREIGN KEY(district_id) REFERENCES districts (id)
);
CREATE TABLE products (
	id INTEGER NOT NULL, 
	district_id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	category VARCHAR(20) NOT NULL, 
	sector VARCHAR(40) NOT NULL, 
	gi BOOLEAN NOT NULL, 
	ministry VARCHAR(200) NOT NULL, 
	description TEXT NOT NULL, 
	source TEXT NOT NULL, 
	as_of VARCHAR(20) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (district_id, name), 
	FOREIGN KEY(district_id) REFERENCES districts (id)
);
CREATE TABLE committees (
	id INTEGER NOT NULL, 
	kind VARCHAR(4) NOT NULL, 
	state_id INTEGER NOT NULL, 
	district_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (kind, state_id, district_id), 
	FOREIGN KEY(state_id) REFERENCES states (id), 
	FOREIGN KEY(district_id) REFERENCES districts (id)
);
CREATE TABLE plan_evidence (
	id INTEGER NOT NULL, 
	district_id INTEGER NOT NULL, 
	status VARCHAR(10) NOT NULL, 
	status_text TEXT NOT NULL, 
	as_of VARCHAR(40) NOT NULL, 
	prepared_by TEXT NOT NULL, 
	scope TEXT NOT NULL, 
	note TEXT NOT NULL, 
	source TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(district_id) REFERENCES districts (id)
);
CREATE TABLE committee_roles (
	id INTEGER NOT NULL, 
	committee_id INTEGER NOT NULL, 
	role VARCHAR(40) NOT NULL, 
	holder TEXT NOT NULL, 
	basis VARCHAR(10) NOT NULL, 
	source TEXT NOT NULL, 
	as_of VARCHAR(20) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(committee_id) REFERENCES committees (id)
);
