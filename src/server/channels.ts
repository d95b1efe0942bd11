/**
 * The registry of chat-platform channels the server mounts (Slack, Teams). The contract they
 * implement (ChannelDeps, ChannelPlugin) is the core's, in src/channel.ts; this is the one place
 * that names the adapters, and only the server imports it.
 */
import type { ChannelPlugin } from '../channel.js';

export type { ChannelDeps, ChannelPlugin } from '../channel.js';

export const channels: ChannelPlugin[] = [
  /* slack and teams engineers append here */
  { name: 'teams', register: async (app, deps) => (await import('../../adapters/teams/plugin.js')).registerTeams(app, deps) },
  { name: 'slack', register: async (app, deps) => (await import('../../adapters/slack/index.js')).registerSlack(app, deps) },
];
