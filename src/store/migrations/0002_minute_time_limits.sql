-- Time limits may be in working minutes too ('30m'): emergencies such as 火灾 and 燃气泄漏 are
-- due within half an hour.
ALTER TABLE categories DROP CONSTRAINT categories_limit_urgent_check;
ALTER TABLE categories DROP CONSTRAINT categories_limit_normal_check;
ALTER TABLE categories ADD CONSTRAINT categories_limit_urgent_check CHECK (limit_urgent ~ '^[1-9][0-9]{0,2}[mhd]$');
ALTER TABLE categories ADD CONSTRAINT categories_limit_normal_check CHECK (limit_normal ~ '^[1-9][0-9]{0,2}[mhd]$');
