/**
 * The old import path of the scripted client, kept only so tests written against it on other
 * branches still compile when merged. There is one scripted `LlmClient`: import it from
 * `./scripted-client`; this file can go once nothing imports it.
 */
export { ScriptedClient, dpfResponder, revisionLabel, templateOf, type Script, type ScriptedAnswer } from './scripted-client';
