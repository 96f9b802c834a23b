-- What a collector passed over: a build or log its Buildbot master answered 404 for (gone,
-- expired) or would not give (larger than the store takes). Kept so a triager can see the gaps.
CREATE TABLE fetch_skips (
  id        INTEGER PRIMARY KEY,
  source_id INTEGER   NOT NULL REFERENCES sources (id),
  url       TEXT      NOT NULL,
  status    INTEGER   NOT NULL,
  message   TEXT      NOT NULL,
  seen_at   TIMESTAMP NOT NULL,
  UNIQUE (source_id, url)
);

-- A mail is kept once: by its Message-ID when it has one (the same mail from IMAP and from an
-- mbox archive), else by the SHA-256 of its bytes (Buildbot itself sets no Message-ID).
DROP INDEX raw_mail_message_id;
CREATE UNIQUE INDEX raw_mail_message_id ON raw_mail (message_id) WHERE message_id IS NOT NULL;
