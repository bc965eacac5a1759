-- Tools become a text[]: Hibernate Reactive reads jsonb only as objects, and a list of names is an array.
alter table agent_definition add column tools_array text[];
update agent_definition set tools_array = array(select jsonb_array_elements_text(tools)) where tools is not null;
alter table agent_definition drop column tools;
alter table agent_definition rename column tools_array to tools;
