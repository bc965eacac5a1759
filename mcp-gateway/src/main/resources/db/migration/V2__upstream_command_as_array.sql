-- The argv of a stdio server becomes a text[]: Hibernate Reactive reads jsonb only as objects, and an argv
-- is an array. Dropping the jsonb column drops the check that used it; it is declared again on the new one.
alter table upstream_server add column command_array text[];
update upstream_server set command_array = array(select jsonb_array_elements_text(command)) where command is not null;
alter table upstream_server drop column command;
alter table upstream_server rename column command_array to command;
alter table upstream_server add constraint upstream_server_target_check
    check ((transport = 'stdio') = (command is not null and url is null));
