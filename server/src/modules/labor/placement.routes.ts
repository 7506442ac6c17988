import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../platform/module';
import { registerFollowUpRoutes } from './followups.routes';
import { registerMatchingRoutes } from './matching.routes';
import { registerTrainingRoutes } from './training.routes';

/** The routes of the labour module's second part: matching and allocations, follow-ups and retention, training. */
export function registerPlacementRoutes(app: FastifyInstance, ctx: ModuleContext) {
  registerMatchingRoutes(app, ctx);
  registerFollowUpRoutes(app, ctx);
  registerTrainingRoutes(app, ctx);
}
