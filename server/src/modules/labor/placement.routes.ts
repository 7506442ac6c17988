import type { FastifyInstance } from 'fastify';
import { registerFollowUpRoutes } from './followups.routes';
import { registerMatchingRoutes } from './matching.routes';
import { registerTrainingRoutes } from './training.routes';
import type { ModuleContext } from './db';

/** The routes of the labour module's second part: matching and allocations, follow-ups and retention, training. */
export function registerPlacementRoutes(app: FastifyInstance, ctx: ModuleContext) {
  registerMatchingRoutes(app, ctx);
  registerFollowUpRoutes(app, ctx);
  registerTrainingRoutes(app, ctx);
}
