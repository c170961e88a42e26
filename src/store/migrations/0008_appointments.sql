-- Appointments (预约): a service centre (township 便民服务中心 or community station) offers services
-- in time slots; residents book a slot (including slots deliberately offered on holidays — 节假日
-- 办事预约); staff confirm. Capacity is kept by the slot's counter in the same statement that books.

CREATE TABLE appointment_services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL REFERENCES regions (code),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 60),
  place text NOT NULL CHECK (length(place) BETWEEN 2 AND 100),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL
);
CREATE INDEX appointment_services_region_idx ON appointment_services (region_code text_pattern_ops);

CREATE TABLE appointment_slots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES appointment_services (id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 500),
  booked int NOT NULL DEFAULT 0,
  holiday boolean NOT NULL, -- offered on a non-working day on purpose
  CHECK (starts_at < ends_at),
  CHECK (booked BETWEEN 0 AND capacity),
  UNIQUE (service_id, starts_at)
);

CREATE TABLE appointments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  slot_id uuid NOT NULL REFERENCES appointment_slots (id),
  name_sealed text NOT NULL,
  phone_sealed text NOT NULL,
  phone_hash text NOT NULL,
  status text NOT NULL CHECK (status IN ('booked', 'confirmed', 'cancelled')),
  created_at timestamptz NOT NULL,
  confirmed_by uuid REFERENCES users (id),
  confirmed_at timestamptz
);
-- One live booking per phone and slot.
CREATE UNIQUE INDEX appointments_once_idx ON appointments (slot_id, phone_hash) WHERE status <> 'cancelled';
CREATE INDEX appointments_slot_idx ON appointments (slot_id);
