-- Retention of the notification centre (NotificationRetention): sent mail, parked mail and read
-- in-app notifications are deleted after configurable ages, in small batches found through these
-- partial indexes rather than by scanning the tables.
create index mail_delivery_done_idx on mail_delivery (sent_at) where status in ('SENT', 'DIGESTED');
create index notification_read_idx on notification (created_at) where read_at is not null;

-- A cohort milestone is announced once. Until now the unique event keys of notification and
-- mail_delivery were the only memory of that, and CohortMilestones asks again on every later
-- completion; once retention deletes those rows the instructors would be told again. Milestones
-- already announced are taken over from the rows that announced them.
create table cohort_milestone (
    cohort_id  bigint       not null references cohort (id) on delete cascade,
    milestone  varchar(100) not null,
    reached_at timestamptz  not null,
    primary key (cohort_id, milestone)
);
insert into cohort_milestone (cohort_id, milestone, reached_at)
select c.id, k.milestone, min(k.at)
from (select substring(event_key from '^milestone:([0-9]+):') as cohort,
             substring(event_key from '^milestone:[0-9]+:(.*)$') as milestone, created_at as at
      from notification where event_key like 'milestone:%'
      union all
      select substring(event_key from '^milestone:([0-9]+):'),
             substring(event_key from '^milestone:[0-9]+:(.*)$'), created_at
      from mail_delivery where event_key like 'milestone:%') k
join cohort c on c.id::text = k.cohort
where k.milestone is not null
group by c.id, k.milestone;
