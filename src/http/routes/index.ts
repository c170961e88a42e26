// Every route module, registered under /api/v1 by app.ts.
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../commands/context.ts';
import { authRoutes } from './auth-routes.ts';
import { userRoutes } from './user-routes.ts';
import { systemRoutes } from './system-routes.ts';
import { regionRoutes } from './region-routes.ts';
import { gridRoutes } from './grid-routes.ts';
import { caseRoutes } from './case-routes.ts';
import { publicRoutes } from './public-routes.ts';
import { publicCategoryRoutes } from './public-category-routes.ts';
import { publicOutlineRoutes } from './public-outline-routes.ts';
import { unitRoutes } from './unit-routes.ts';
import { categoryRoutes } from './category-routes.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { kpiRoutes } from './kpi-routes.ts';
import { mapRoutes } from './map-routes.ts';
import { proposalRoutes } from './proposal-routes.ts';
import { portalRoutes } from './portal-routes.ts';
import { fieldRoutes } from './field-routes.ts';
import { appointmentRoutes } from './appointment-routes.ts';
import { mapConfigRoutes } from './map-config-routes.ts';
import { caseAssistRoutes } from './case-assist-routes.ts';
import { residentRoutes } from './resident-routes.ts';

export const routes: ((ctx: AppContext) => FastifyPluginAsync)[] = [
  systemRoutes,
  authRoutes,
  userRoutes,
  regionRoutes,
  gridRoutes,
  unitRoutes,
  categoryRoutes,
  calendarRoutes,
  caseAssistRoutes,
  caseRoutes,
  kpiRoutes,
  mapRoutes,
  proposalRoutes,
  portalRoutes,
  fieldRoutes,
  appointmentRoutes,
  mapConfigRoutes,
  publicRoutes,
  publicCategoryRoutes,
  publicOutlineRoutes,
  residentRoutes,
];
