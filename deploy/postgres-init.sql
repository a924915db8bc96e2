-- The consultation log's database beside Rasa's conversations (compose's POSTGRES_DB is `advisor`).
CREATE DATABASE advisor_store OWNER advisor;
