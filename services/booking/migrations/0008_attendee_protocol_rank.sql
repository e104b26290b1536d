-- Seating by rank (座次): the organizer's protocol rank of each attendee, 1 the principal
-- (主要领导) who sits in the centre, 0 unranked. GetSeatingPlan and the sign-in sheet (签到表)
-- order the list by it.
ALTER TABLE meeting_attendees ADD COLUMN IF NOT EXISTS protocol_rank INT NOT NULL DEFAULT 0;
