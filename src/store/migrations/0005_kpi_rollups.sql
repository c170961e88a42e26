-- KPI rollups (DOMAIN.md §5), kept by the job in src/jobs/kpi-rollup.ts so a KPI query never
-- reads `cases`: its cost depends on the slice (regions × periods × categories), not on history.
--
-- Three layers, each recomputed (never incremented) from the one below for the keys a batch of
-- case events touched, so the job can run again, or in two processes, without double counting:
--   kpi_case_facts   each case's own contribution rows, recomputed from `cases` + `case_events`
--   kpi_daily        Σ facts per (local day, village, unit, category); kpi_person_daily per person
--   kpi_cube         Σ daily per (day | month, city/county/township, unit | '*', category)
-- A KPI query reads the cube (or, for small slices, kpi_daily), never `cases`.
--
-- Which day a counter lands on (local days, Asia/Shanghai). Every case has up to three anchors:
--   intake    the day it was reported: reported, registered, rejected, merged, voided,
--             publicReports, inspectorReports, inspectorValidReports, verifyTasks, verifiedOnTime,
--             and st_<state> (the case's current state: "of the reports of the period, how many are
--             now closed, handling, …")
--   dispatch  the day of its current dispatch (改派 moves it, with the unit): dispatched,
--             dispatchedAccurately, acknowledged(OnTime), handled(OnTime), reworked, returned,
--             checkTasks, checkedOnTime
--   due       the closing day when closed by the deadline (or without one: 自处理), else the
--             deadline day, even if still open: due, closed, closedOnTime, reopened, followedUp,
--             satisfied, basicallySatisfied, dissatisfied (rejected, voided, merged: never due;
--             重办 makes a case due again, and its earlier closure stops counting)
-- A case belongs to its current category and lead unit ('' when none). The rules are the
-- FACT_RULES in src/store/kpi-store.ts.

-- The counter columns, written once and copied into each table by LIKE (never holds rows).
-- One column per KpiCounters field (snake_case), then one per case state.
CREATE TABLE kpi_counter_columns (
  reported int NOT NULL DEFAULT 0, registered int NOT NULL DEFAULT 0, rejected int NOT NULL DEFAULT 0,
  merged int NOT NULL DEFAULT 0, voided int NOT NULL DEFAULT 0, due int NOT NULL DEFAULT 0,
  closed int NOT NULL DEFAULT 0, closed_on_time int NOT NULL DEFAULT 0, dispatched int NOT NULL DEFAULT 0,
  dispatched_accurately int NOT NULL DEFAULT 0, acknowledged int NOT NULL DEFAULT 0,
  acknowledged_on_time int NOT NULL DEFAULT 0, handled int NOT NULL DEFAULT 0,
  handled_on_time int NOT NULL DEFAULT 0, reworked int NOT NULL DEFAULT 0, returned int NOT NULL DEFAULT 0,
  reopened int NOT NULL DEFAULT 0, followed_up int NOT NULL DEFAULT 0, satisfied int NOT NULL DEFAULT 0,
  basically_satisfied int NOT NULL DEFAULT 0, dissatisfied int NOT NULL DEFAULT 0,
  public_reports int NOT NULL DEFAULT 0, inspector_reports int NOT NULL DEFAULT 0,
  inspector_valid_reports int NOT NULL DEFAULT 0, verify_tasks int NOT NULL DEFAULT 0,
  verified_on_time int NOT NULL DEFAULT 0, check_tasks int NOT NULL DEFAULT 0,
  checked_on_time int NOT NULL DEFAULT 0,
  st_reported int NOT NULL DEFAULT 0, st_verifying int NOT NULL DEFAULT 0, st_registered int NOT NULL DEFAULT 0,
  st_dispatched int NOT NULL DEFAULT 0, st_handling int NOT NULL DEFAULT 0, st_returned int NOT NULL DEFAULT 0,
  st_suspended int NOT NULL DEFAULT 0, st_reported_back int NOT NULL DEFAULT 0,
  st_self_handled int NOT NULL DEFAULT 0, st_closed int NOT NULL DEFAULT 0, st_rejected int NOT NULL DEFAULT 0,
  st_voided int NOT NULL DEFAULT 0, st_merged int NOT NULL DEFAULT 0
);

-- Where each job has got to: for kpi_rollup, the last case_events.id folded in. A batch locks
-- this row (FOR UPDATE), so two processes take turns instead of repeating each other's work.
CREATE TABLE job_watermarks (
  job text PRIMARY KEY,
  value bigint NOT NULL DEFAULT 0,
  updated_at timestamptz
);
INSERT INTO job_watermarks (job, value) VALUES ('kpi_rollup', 0);

-- Per case: one row per (anchor day, person). person_id '' = the area row; else the user the
-- row credits: the reporting inspector (intake), the first dispatcher (dispatch), whoever
-- answered a 核实 (intake) or 核查 (dispatch) task.
CREATE TABLE kpi_case_facts (
  case_id uuid NOT NULL,
  person_id text NOT NULL,
  day date NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  unit_id text COLLATE "C" NOT NULL,
  category_code text COLLATE "C" NOT NULL,
  LIKE kpi_counter_columns INCLUDING DEFAULTS
);
CREATE INDEX kpi_case_facts_case_idx ON kpi_case_facts (case_id);
CREATE INDEX kpi_case_facts_key_idx ON kpi_case_facts (day, region_code, unit_id, category_code);

-- region_code is the case's village. Read for village slices and for township slices' odd days.
CREATE TABLE kpi_daily (
  day date NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  unit_id text COLLATE "C" NOT NULL,
  category_code text COLLATE "C" NOT NULL,
  LIKE kpi_counter_columns INCLUDING DEFAULTS,
  PRIMARY KEY (day, region_code, unit_id, category_code)
);

-- The person rows of kpi_case_facts summed (inspectors, dispatchers).
CREATE TABLE kpi_person_daily (
  person_id uuid NOT NULL,
  day date NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  unit_id text COLLATE "C" NOT NULL,
  category_code text COLLATE "C" NOT NULL,
  LIKE kpi_counter_columns INCLUDING DEFAULTS,
  PRIMARY KEY (person_id, day, region_code, unit_id, category_code)
);

-- kpi_daily summed up the region tree: region_code is the 12-digit code of a city, county or
-- township (level = its significant prefix length: 4, 6 or 9; a province is the sum of its
-- cities). unit_id '*' = every unit; cities also have a row per unit (unit slices inside a city
-- read kpi_daily). grain 'month' (period = the 1st) exists for all three levels, grain 'day' for
-- cities and counties (a township's odd days come from kpi_daily). A whole-city summary over
-- three years reads ~35 month rows + ≤ 62 odd-day rows per category, however many cases.
CREATE TABLE kpi_cube (
  grain text NOT NULL CHECK (grain IN ('day', 'month')),
  period date NOT NULL,
  level smallint NOT NULL CHECK (level IN (4, 6, 9)),
  region_code text COLLATE "C" NOT NULL,
  unit_id text COLLATE "C" NOT NULL,
  category_code text COLLATE "C" NOT NULL,
  LIKE kpi_counter_columns INCLUDING DEFAULTS,
  PRIMARY KEY (grain, region_code, unit_id, period, category_code)
);
-- The job rebuilds a level from the level below: (grain, period, region prefix).
CREATE INDEX kpi_cube_rebuild_idx ON kpi_cube (grain, period, level, region_code);
-- City rows are mostly per-unit rows: without the joint frequencies of (grain, region, unit) the
-- planner takes a city's '*' rows for 40× more than they are and reads them by the rebuild index.
CREATE STATISTICS kpi_cube_slice_stats (mcv) ON grain, region_code, unit_id FROM kpi_cube;
