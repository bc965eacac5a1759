-- First start of a fresh PostgreSQL container (docker-compose): the ccos schemas, one per service.
-- The role and database come from POSTGRES_USER / POSTGRES_DB. `./suite up` does the same locally.
CREATE SCHEMA IF NOT EXISTS config AUTHORIZATION ccos;
CREATE SCHEMA IF NOT EXISTS session AUTHORIZATION ccos;
CREATE SCHEMA IF NOT EXISTS hook AUTHORIZATION ccos;
CREATE SCHEMA IF NOT EXISTS gateway AUTHORIZATION ccos;
CREATE SCHEMA IF NOT EXISTS agent AUTHORIZATION ccos;
