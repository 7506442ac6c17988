import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AreaInput,
  AreaPatch,
  CellInput,
  CellPatch,
  LineInput,
  LinePatch,
  PlantArea,
  PlantCell,
  PlantLine,
  PlantModel,
  PlantSite,
  SiteInput,
  SitePatch,
  SparkplugGroup,
  SparkplugGroupInput,
  SparkplugGroupParams,
} from '@gearbridge/contracts/factory';
import { IdParams, Ok } from '@gearbridge/contracts/common';
import { actorOf } from '../../platform/http/app';
import * as model from './plant-model.service';
import * as groups from './sparkplug-groups.service';
import type { ModuleContext } from './db';

/**
 * The equipment model's admin API: the site → area → line → work cell tree (factory.read), its changes and the
 * Sparkplug group → site mapping (factory.manage). A delete of anything still holding children or devices is a 409.
 */
export function registerPlantModelRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['factory'];
  const ok = { ok: true as const };

  app.get('/factory/model', { schema: { tags, summary: 'Sites, areas, lines and work cells with their device counts', response: { 200: PlantModel } } }, async (req) =>
    model.getModel(db, actorOf(req)),
  );

  app.post(
    '/factory/model/sites',
    { schema: { tags, summary: 'A site of an enterprise (default: your organisation)', body: SiteInput, response: { 201: PlantSite } } },
    async (req, reply) => reply.status(201).send(await model.createSite(db, actorOf(req), req.body)),
  );
  app.patch('/factory/model/sites/:id', { schema: { tags, params: IdParams, body: SitePatch, response: { 200: PlantSite } } }, async (req) =>
    model.updateSite(db, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/factory/model/sites/:id',
    { schema: { tags, summary: 'Only a site without areas, devices and Sparkplug groups', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await model.deleteSite(db, actorOf(req), req.params.id);
      return ok;
    },
  );

  app.post('/factory/model/areas', { schema: { tags, body: AreaInput, response: { 201: PlantArea } } }, async (req, reply) =>
    reply.status(201).send(await model.createArea(db, actorOf(req), req.body)),
  );
  app.patch('/factory/model/areas/:id', { schema: { tags, params: IdParams, body: AreaPatch, response: { 200: PlantArea } } }, async (req) =>
    model.updateArea(db, actorOf(req), req.params.id, req.body),
  );
  app.delete('/factory/model/areas/:id', { schema: { tags, summary: 'Only an area without lines', params: IdParams, response: { 200: Ok } } }, async (req) => {
    await model.deleteArea(db, actorOf(req), req.params.id);
    return ok;
  });

  app.post(
    '/factory/model/lines',
    { schema: { tags, summary: 'A production line; it belongs to the organisation of its site', body: LineInput, response: { 201: PlantLine } } },
    async (req, reply) => reply.status(201).send(await model.createLine(db, actorOf(req), req.body)),
  );
  app.patch(
    '/factory/model/lines/:id',
    { schema: { tags, summary: 'Rename a line, or move it to another area of its site', params: IdParams, body: LinePatch, response: { 200: PlantLine } } },
    async (req) => model.updateLine(db, actorOf(req), req.params.id, req.body),
  );
  app.delete('/factory/model/lines/:id', { schema: { tags, summary: 'Only a line without work cells and devices', params: IdParams, response: { 200: Ok } } }, async (req) => {
    await model.deleteLine(db, actorOf(req), req.params.id);
    return ok;
  });

  app.post('/factory/model/cells', { schema: { tags, summary: 'A work cell (station) of a line, e.g. OP10', body: CellInput, response: { 201: PlantCell } } }, async (req, reply) =>
    reply.status(201).send(await model.createCell(db, actorOf(req), req.body)),
  );
  app.patch('/factory/model/cells/:id', { schema: { tags, params: IdParams, body: CellPatch, response: { 200: PlantCell } } }, async (req) =>
    model.updateCell(db, actorOf(req), req.params.id, req.body),
  );
  app.delete('/factory/model/cells/:id', { schema: { tags, summary: 'Only a work cell without devices', params: IdParams, response: { 200: Ok } } }, async (req) => {
    await model.deleteCell(db, actorOf(req), req.params.id);
    return ok;
  });

  app.get(
    '/factory/model/sparkplug-groups',
    { schema: { tags, summary: 'Which site each Sparkplug group id belongs to', response: { 200: z.array(SparkplugGroup) } } },
    async (req) => groups.listGroups(db, actorOf(req)),
  );
  app.post(
    '/factory/model/sparkplug-groups',
    { schema: { tags, summary: 'Map a Sparkplug group id to a site', body: SparkplugGroupInput, response: { 201: SparkplugGroup } } },
    async (req, reply) => reply.status(201).send(await groups.createGroup(db, actorOf(req), req.body)),
  );
  app.delete(
    '/factory/model/sparkplug-groups/:groupId',
    { schema: { tags, summary: 'Only a group no device is registered under', params: SparkplugGroupParams, response: { 200: Ok } } },
    async (req) => {
      await groups.deleteGroup(db, actorOf(req), req.params.groupId);
      return ok;
    },
  );
}
