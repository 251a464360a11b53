using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Infrastructure.Persistence.JobStore;

// The tables of Quartz.NET's ADO job store (ADR 0021), modelled so that our own migrations create them for both providers.
// Names, column types, defaults, keys, foreign keys and indexes follow the schema Quartz 4.7.3 itself validates at start-up —
// the scripts embedded in Quartz.dll as Quartz.Impl.AdoJobStore.Schema.create_sqlite.sql and create_sqlServer.sql (what
// ProvisionSchema() would run) — column for column. The repository's database/tables/tables_*.sql of the snapshot we could
// read predate 4.7 (no QRTZ_PAUSED_JOB_GRPS, history or status tables): Quartz 4.7.3 refuses a database made from them.
// Only Quartz reads and writes these rows, through its own ADO.NET connections; the portal never queries them through EF.
// The classes exist only so EF can describe the tables. The SQLite script's DELETE triggers on QRTZ_TRIGGERS are not
// reproduced (EF cannot create triggers): the foreign keys below cascade the same deletes (Microsoft.Data.Sqlite opens
// connections with foreign keys on), and Quartz deletes a trigger's rows in the kind tables itself before the trigger.
// After a Quartz upgrade, compare these with the new version's embedded scripts and regenerate the migrations.

internal sealed class QrtzJobDetail
{
    public string SchedName { get; set; } = "";
    public string JobName { get; set; } = "";
    public string JobGroup { get; set; } = "";
    public string? Description { get; set; }
    public string JobClassName { get; set; } = "";
    public bool IsDurable { get; set; }
    public bool IsNonConcurrent { get; set; }
    public bool IsUpdateData { get; set; }
    public bool RequestsRecovery { get; set; }
    public byte[]? JobData { get; set; }
}

internal sealed class QrtzTrigger
{
    public string SchedName { get; set; } = "";
    public string TriggerName { get; set; } = "";
    public string TriggerGroup { get; set; } = "";
    public string JobName { get; set; } = "";
    public string JobGroup { get; set; } = "";
    public string? Description { get; set; }
    public long? NextFireTime { get; set; }
    public long? PrevFireTime { get; set; }
    public int? Priority { get; set; }
    public string TriggerState { get; set; } = "";
    public string TriggerType { get; set; } = "";
    public long StartTime { get; set; }
    public long? EndTime { get; set; }
    public string? CalendarName { get; set; }
    public int? MisfireInstr { get; set; }
    public long? MisfireOrigFireTime { get; set; }
    public string? ExecutionGroup { get; set; }
    public string? PreferredNode { get; set; }
    public bool PreferredNodeAuto { get; set; }
    public string? RetryPolicy { get; set; }
    public int? RetryAttempt { get; set; }
    public string? ContinuesTriggerName { get; set; }
    public string? ContinuesTriggerGroup { get; set; }
    public int? ContinuationCondition { get; set; }
    public int? OverlapPolicy { get; set; }
    public string? PauseReason { get; set; }
    public string? PausedBy { get; set; }
    public long? PausedAt { get; set; }
    public long? MisfireThreshold { get; set; }
    public bool? FixedDelay { get; set; }
    public byte[]? JobData { get; set; }
}

internal sealed class QrtzSimpleTrigger
{
    public string SchedName { get; set; } = "";
    public string TriggerName { get; set; } = "";
    public string TriggerGroup { get; set; } = "";
    public long RepeatCount { get; set; }
    public long RepeatInterval { get; set; }
    public long TimesTriggered { get; set; }
}

internal sealed class QrtzSimpropTrigger
{
    public string SchedName { get; set; } = "";
    public string TriggerName { get; set; } = "";
    public string TriggerGroup { get; set; } = "";
    public string? StrProp1 { get; set; }
    public string? StrProp2 { get; set; }
    public string? StrProp3 { get; set; }
    public int? IntProp1 { get; set; }
    public int? IntProp2 { get; set; }
    public long? LongProp1 { get; set; }
    public long? LongProp2 { get; set; }
    public decimal? DecProp1 { get; set; }
    public decimal? DecProp2 { get; set; }
    public bool? BoolProp1 { get; set; }
    public bool? BoolProp2 { get; set; }
    public string? TimeZoneId { get; set; }
}

internal sealed class QrtzCronTrigger
{
    public string SchedName { get; set; } = "";
    public string TriggerName { get; set; } = "";
    public string TriggerGroup { get; set; } = "";
    public string CronExpression { get; set; } = "";
    public string? TimeZoneId { get; set; }
}

internal sealed class QrtzBlobTrigger
{
    public string SchedName { get; set; } = "";
    public string TriggerName { get; set; } = "";
    public string TriggerGroup { get; set; } = "";
    public byte[]? BlobData { get; set; }
}

internal sealed class QrtzCalendar
{
    public string SchedName { get; set; } = "";
    public string CalendarName { get; set; } = "";
    public byte[] Calendar { get; set; } = [];
}

internal sealed class QrtzPausedTriggerGroup
{
    public string SchedName { get; set; } = "";
    public string TriggerGroup { get; set; } = "";
    public string? PauseReason { get; set; }
    public string? PausedBy { get; set; }
    public long? PausedAt { get; set; }
}

internal sealed class QrtzPausedJobGroup
{
    public string SchedName { get; set; } = "";
    public string JobGroup { get; set; } = "";
    public string? PauseReason { get; set; }
    public string? PausedBy { get; set; }
    public long? PausedAt { get; set; }
}

internal sealed class QrtzFiredTrigger
{
    public string SchedName { get; set; } = "";
    public string EntryId { get; set; } = "";
    public string TriggerName { get; set; } = "";
    public string TriggerGroup { get; set; } = "";
    public string InstanceName { get; set; } = "";
    public long FiredTime { get; set; }
    public long SchedTime { get; set; }
    public int Priority { get; set; }
    public string State { get; set; } = "";
    public string? JobName { get; set; }
    public string? JobGroup { get; set; }
    public bool? IsNonConcurrent { get; set; }
    public bool? RequestsRecovery { get; set; }
    public string? ExecutionGroup { get; set; }
    public int? Progress { get; set; }
    public string? ProgressMessage { get; set; }
    public long? InterruptRequestedTime { get; set; }
}

internal sealed class QrtzSchedulerState
{
    public string SchedName { get; set; } = "";
    public string InstanceName { get; set; } = "";
    public long LastCheckinTime { get; set; }
    public long CheckinInterval { get; set; }
    public string? QuartzVersion { get; set; }
}

internal sealed class QrtzLock
{
    public string SchedName { get; set; } = "";
    public string LockName { get; set; } = "";
}

internal sealed class QrtzExecutionHistory
{
    public string SchedName { get; set; } = "";
    public string EntryId { get; set; } = "";
    public string InstanceName { get; set; } = "";
    public string JobName { get; set; } = "";
    public string JobGroup { get; set; } = "";
    public string TriggerName { get; set; } = "";
    public string TriggerGroup { get; set; } = "";
    public long FiredTime { get; set; }
    public long RunTime { get; set; }
    public bool Succeeded { get; set; }
    public string? ErrorMessage { get; set; }
    public int RetryAttempt { get; set; }
    public bool RetryScheduled { get; set; }
    public string? ExecutionLog { get; set; }
    public int? Result { get; set; }
    public string? Summary { get; set; }
    public string? Metrics { get; set; }
    public bool? Manual { get; set; }
    public string? FireInstanceId { get; set; }
    public string? JobInput { get; set; }
    public bool? JobInputTooLarge { get; set; }
}

internal sealed class QrtzMisfireHistory
{
    public string SchedName { get; set; } = "";
    public string EntryId { get; set; } = "";
    public string InstanceName { get; set; } = "";
    public string TriggerName { get; set; } = "";
    public string TriggerGroup { get; set; } = "";
    public string? JobName { get; set; }
    public string? JobGroup { get; set; }
    public long MisfireTime { get; set; }
    public long? SchedTime { get; set; }
    public int? Reason { get; set; }
}

internal sealed class QrtzJobStatus
{
    public string SchedName { get; set; } = "";
    public string JobGroup { get; set; } = "";
    public string JobName { get; set; } = "";
    public long FirstFiredTime { get; set; }
    public long LastFiredTime { get; set; }
    public int LastResult { get; set; }
    public long LastRunTime { get; set; }
    public string LastInstanceName { get; set; } = "";
    public string? LastEntryId { get; set; }
    public string? LastSummary { get; set; }
    public long? LastSuccessTime { get; set; }
    public long? LastFailureTime { get; set; }
    public string? LastFailureMessage { get; set; }
    public int ConsecutiveFailures { get; set; }
    public long RunCount { get; set; }
    public long FailureCount { get; set; }
}

/// <summary>Adds Quartz's job store tables to the model, with each provider's column types as Quartz's own scripts have them.</summary>
internal static class QuartzTables
{
    public const string Prefix = "QRTZ_";

    public static ModelBuilder AddQuartzTables(this ModelBuilder builder, bool sqlServer)
    {
        var t = new ColumnTypes(sqlServer);

        builder.Entity<QrtzJobDetail>(b =>
        {
            b.ToTable(Prefix + "JOB_DETAILS");
            b.HasKey(x => new { x.SchedName, x.JobName, x.JobGroup });
            Col(b.Property(x => x.SchedName), "SCHED_NAME", t.Text(120));
            Col(b.Property(x => x.JobName), "JOB_NAME", t.Text(150));
            Col(b.Property(x => x.JobGroup), "JOB_GROUP", t.Text(150));
            Col(b.Property(x => x.Description), "DESCRIPTION", t.Text(250));
            Col(b.Property(x => x.JobClassName), "JOB_CLASS_NAME", t.Text(250));
            Col(b.Property(x => x.IsDurable), "IS_DURABLE", t.Bit);
            Col(b.Property(x => x.IsNonConcurrent), "IS_NONCONCURRENT", t.Bit);
            Col(b.Property(x => x.IsUpdateData), "IS_UPDATE_DATA", t.Bit);
            Col(b.Property(x => x.RequestsRecovery), "REQUESTS_RECOVERY", t.Bit);
            Col(b.Property(x => x.JobData), "JOB_DATA", t.Blob);
            b.HasIndex(x => new { x.SchedName, x.JobGroup, x.JobName }).HasDatabaseName("IDX_QRTZ_J_G_N");
        });

        builder.Entity<QrtzTrigger>(b =>
        {
            b.ToTable(Prefix + "TRIGGERS");
            TriggerKey(b, t);
            Col(b.Property(x => x.JobName), "JOB_NAME", t.Text(150));
            Col(b.Property(x => x.JobGroup), "JOB_GROUP", t.Text(150));
            Col(b.Property(x => x.Description), "DESCRIPTION", t.Text(250));
            Col(b.Property(x => x.NextFireTime), "NEXT_FIRE_TIME", t.BigInt);
            Col(b.Property(x => x.PrevFireTime), "PREV_FIRE_TIME", t.BigInt);
            Col(b.Property(x => x.Priority), "PRIORITY", t.Integer);
            Col(b.Property(x => x.TriggerState), "TRIGGER_STATE", t.Text(16));
            Col(b.Property(x => x.TriggerType), "TRIGGER_TYPE", t.Text(8));
            Col(b.Property(x => x.StartTime), "START_TIME", t.BigInt);
            Col(b.Property(x => x.EndTime), "END_TIME", t.BigInt);
            Col(b.Property(x => x.CalendarName), "CALENDAR_NAME", t.Text(200));
            Col(b.Property(x => x.MisfireInstr), "MISFIRE_INSTR", t.Integer);
            // INTEGER in SQLite's script (a 64-bit integer there), bigint in SQL Server's.
            Col(b.Property(x => x.MisfireOrigFireTime), "MISFIRE_ORIG_FIRE_TIME", sqlServer ? "bigint" : "INTEGER");
            Col(b.Property(x => x.ExecutionGroup), "EXECUTION_GROUP", t.Text(200));
            Col(b.Property(x => x.PreferredNode), "PREFERRED_NODE", t.Text(200));
            Col(b.Property(x => x.PreferredNodeAuto), "PREFERRED_NODE_AUTO", t.Bit).HasDefaultValue(false);
            Col(b.Property(x => x.RetryPolicy), "RETRY_POLICY", t.Text(250));
            Col(b.Property(x => x.RetryAttempt), "RETRY_ATTEMPT", t.Integer);
            Col(b.Property(x => x.ContinuesTriggerName), "CONTINUES_TRIGGER_NAME", t.Text(150));
            Col(b.Property(x => x.ContinuesTriggerGroup), "CONTINUES_TRIGGER_GROUP", t.Text(150));
            Col(b.Property(x => x.ContinuationCondition), "CONTINUATION_CONDITION", t.Integer);
            Col(b.Property(x => x.OverlapPolicy), "OVERLAP_POLICY", t.Integer);
            Col(b.Property(x => x.PauseReason), "PAUSE_REASON", t.Text(250));
            Col(b.Property(x => x.PausedBy), "PAUSED_BY", t.Text(200));
            Col(b.Property(x => x.PausedAt), "PAUSED_AT", t.BigInt);
            Col(b.Property(x => x.MisfireThreshold), "MISFIRE_THRESHOLD", t.BigInt);
            Col(b.Property(x => x.FixedDelay), "FIXED_DELAY", t.Bit);
            Col(b.Property(x => x.JobData), "JOB_DATA", t.Blob);
            b.HasOne<QrtzJobDetail>().WithMany()
                .HasForeignKey(x => new { x.SchedName, x.JobName, x.JobGroup })
                .OnDelete(DeleteBehavior.NoAction)
                .HasConstraintName("FK_QRTZ_TRIGGERS_QRTZ_JOB_DETAILS");
            b.HasIndex(x => new { x.SchedName, x.JobName, x.JobGroup }).HasDatabaseName("IDX_QRTZ_T_J");
            b.HasIndex(x => new { x.SchedName, x.CalendarName }).HasDatabaseName("IDX_QRTZ_T_C");
            b.HasIndex(x => new { x.SchedName, x.TriggerGroup, x.TriggerName }).HasDatabaseName("IDX_QRTZ_T_G_N");
            // (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME ASC, PRIORITY DESC, MISFIRE_INSTR): the acquisition order.
            b.HasIndex(x => new { x.SchedName, x.TriggerState, x.NextFireTime, x.Priority, x.MisfireInstr }).HasDatabaseName("IDX_QRTZ_T_NFT_ST")
                .IsDescending(false, false, false, true, false);
        });

        builder.Entity<QrtzSimpleTrigger>(b =>
        {
            b.ToTable(Prefix + "SIMPLE_TRIGGERS");
            TriggerKey(b, t);
            // BIGINT in SQLite's script, int in SQL Server's.
            Col(b.Property(x => x.RepeatCount), "REPEAT_COUNT", sqlServer ? "int" : "BIGINT");
            Col(b.Property(x => x.RepeatInterval), "REPEAT_INTERVAL", t.BigInt);
            Col(b.Property(x => x.TimesTriggered), "TIMES_TRIGGERED", sqlServer ? "int" : "BIGINT");
            ChildOfTrigger(b, "FK_QRTZ_SIMPLE_TRIGGERS_QRTZ_TRIGGERS");
        });

        builder.Entity<QrtzSimpropTrigger>(b =>
        {
            b.ToTable(Prefix + "SIMPROP_TRIGGERS");
            TriggerKey(b, t);
            Col(b.Property(x => x.StrProp1), "STR_PROP_1", t.Text(512));
            Col(b.Property(x => x.StrProp2), "STR_PROP_2", t.Text(512));
            Col(b.Property(x => x.StrProp3), "STR_PROP_3", t.Text(512));
            Col(b.Property(x => x.IntProp1), "INT_PROP_1", sqlServer ? "int" : "INT");
            Col(b.Property(x => x.IntProp2), "INT_PROP_2", sqlServer ? "int" : "INT");
            Col(b.Property(x => x.LongProp1), "LONG_PROP_1", t.BigInt);
            Col(b.Property(x => x.LongProp2), "LONG_PROP_2", t.BigInt);
            Col(b.Property(x => x.DecProp1), "DEC_PROP_1", sqlServer ? "numeric(13,4)" : "NUMERIC");
            Col(b.Property(x => x.DecProp2), "DEC_PROP_2", sqlServer ? "numeric(13,4)" : "NUMERIC");
            Col(b.Property(x => x.BoolProp1), "BOOL_PROP_1", t.Bit);
            Col(b.Property(x => x.BoolProp2), "BOOL_PROP_2", t.Bit);
            Col(b.Property(x => x.TimeZoneId), "TIME_ZONE_ID", t.Text(80));
            ChildOfTrigger(b, "FK_QRTZ_SIMPROP_TRIGGERS_QRTZ_TRIGGERS");
        });

        builder.Entity<QrtzCronTrigger>(b =>
        {
            b.ToTable(Prefix + "CRON_TRIGGERS");
            TriggerKey(b, t);
            // 250 characters in SQLite's script, 120 in SQL Server's.
            Col(b.Property(x => x.CronExpression), "CRON_EXPRESSION", t.Text(sqlServer ? 120 : 250));
            Col(b.Property(x => x.TimeZoneId), "TIME_ZONE_ID", t.Text(80));
            ChildOfTrigger(b, "FK_QRTZ_CRON_TRIGGERS_QRTZ_TRIGGERS");
        });

        builder.Entity<QrtzBlobTrigger>(b =>
        {
            b.ToTable(Prefix + "BLOB_TRIGGERS");
            TriggerKey(b, t);
            Col(b.Property(x => x.BlobData), "BLOB_DATA", t.Blob);
            // SQL Server's script gives QRTZ_BLOB_TRIGGERS no foreign key; SQLite's does (cascading).
            if (!sqlServer)
            {
                ChildOfTrigger(b, "FK_QRTZ_BLOB_TRIGGERS_QRTZ_TRIGGERS");
            }
        });

        builder.Entity<QrtzCalendar>(b =>
        {
            b.ToTable(Prefix + "CALENDARS");
            b.HasKey(x => new { x.SchedName, x.CalendarName });
            Col(b.Property(x => x.SchedName), "SCHED_NAME", t.Text(120));
            Col(b.Property(x => x.CalendarName), "CALENDAR_NAME", t.Text(200));
            Col(b.Property(x => x.Calendar), "CALENDAR", t.Blob).IsRequired();
        });

        builder.Entity<QrtzPausedTriggerGroup>(b =>
        {
            b.ToTable(Prefix + "PAUSED_TRIGGER_GRPS");
            b.HasKey(x => new { x.SchedName, x.TriggerGroup });
            Col(b.Property(x => x.SchedName), "SCHED_NAME", t.Text(120));
            Col(b.Property(x => x.TriggerGroup), "TRIGGER_GROUP", t.Text(150));
            Pause(b, t);
        });

        builder.Entity<QrtzPausedJobGroup>(b =>
        {
            b.ToTable(Prefix + "PAUSED_JOB_GRPS");
            b.HasKey(x => new { x.SchedName, x.JobGroup });
            Col(b.Property(x => x.SchedName), "SCHED_NAME", t.Text(120));
            Col(b.Property(x => x.JobGroup), "JOB_GROUP", t.Text(150));
            Pause(b, t);
        });

        builder.Entity<QrtzFiredTrigger>(b =>
        {
            b.ToTable(Prefix + "FIRED_TRIGGERS");
            b.HasKey(x => new { x.SchedName, x.EntryId });
            Col(b.Property(x => x.SchedName), "SCHED_NAME", t.Text(120));
            Col(b.Property(x => x.EntryId), "ENTRY_ID", t.Text(140));
            Col(b.Property(x => x.TriggerName), "TRIGGER_NAME", t.Text(150));
            Col(b.Property(x => x.TriggerGroup), "TRIGGER_GROUP", t.Text(150));
            Col(b.Property(x => x.InstanceName), "INSTANCE_NAME", t.Text(200));
            Col(b.Property(x => x.FiredTime), "FIRED_TIME", t.BigInt);
            Col(b.Property(x => x.SchedTime), "SCHED_TIME", t.BigInt);
            Col(b.Property(x => x.Priority), "PRIORITY", t.Integer);
            Col(b.Property(x => x.State), "STATE", t.Text(16));
            Col(b.Property(x => x.JobName), "JOB_NAME", t.Text(150));
            Col(b.Property(x => x.JobGroup), "JOB_GROUP", t.Text(150));
            Col(b.Property(x => x.IsNonConcurrent), "IS_NONCONCURRENT", t.Bit);
            Col(b.Property(x => x.RequestsRecovery), "REQUESTS_RECOVERY", t.Bit);
            Col(b.Property(x => x.ExecutionGroup), "EXECUTION_GROUP", t.Text(200));
            Col(b.Property(x => x.Progress), "PROGRESS", t.Integer);
            Col(b.Property(x => x.ProgressMessage), "PROGRESS_MESSAGE", t.Text(250));
            Col(b.Property(x => x.InterruptRequestedTime), "INTERRUPT_REQUESTED_TIME", t.BigInt);
            b.HasIndex(x => new { x.SchedName, x.InstanceName, x.RequestsRecovery }).HasDatabaseName("IDX_QRTZ_FT_INST_JOB_REQ_RCVRY");
            b.HasIndex(x => new { x.SchedName, x.JobName, x.JobGroup }).HasDatabaseName("IDX_QRTZ_FT_J_G");
            b.HasIndex(x => new { x.SchedName, x.TriggerName, x.TriggerGroup }).HasDatabaseName("IDX_QRTZ_FT_T_G");
        });

        builder.Entity<QrtzSchedulerState>(b =>
        {
            b.ToTable(Prefix + "SCHEDULER_STATE");
            b.HasKey(x => new { x.SchedName, x.InstanceName });
            Col(b.Property(x => x.SchedName), "SCHED_NAME", t.Text(120));
            Col(b.Property(x => x.InstanceName), "INSTANCE_NAME", t.Text(200));
            Col(b.Property(x => x.LastCheckinTime), "LAST_CHECKIN_TIME", t.BigInt);
            Col(b.Property(x => x.CheckinInterval), "CHECKIN_INTERVAL", t.BigInt);
            Col(b.Property(x => x.QuartzVersion), "QUARTZ_VERSION", t.Text(20));
        });

        builder.Entity<QrtzLock>(b =>
        {
            b.ToTable(Prefix + "LOCKS");
            b.HasKey(x => new { x.SchedName, x.LockName });
            Col(b.Property(x => x.SchedName), "SCHED_NAME", t.Text(120));
            Col(b.Property(x => x.LockName), "LOCK_NAME", t.Text(40));
        });

        builder.Entity<QrtzExecutionHistory>(b =>
        {
            b.ToTable(Prefix + "EXECUTION_HISTORY");
            b.HasKey(x => new { x.SchedName, x.EntryId });
            Col(b.Property(x => x.SchedName), "SCHED_NAME", t.Text(120));
            Col(b.Property(x => x.EntryId), "ENTRY_ID", t.Text(140));
            Col(b.Property(x => x.InstanceName), "INSTANCE_NAME", t.Text(200));
            Col(b.Property(x => x.JobName), "JOB_NAME", t.Text(150));
            Col(b.Property(x => x.JobGroup), "JOB_GROUP", t.Text(150));
            Col(b.Property(x => x.TriggerName), "TRIGGER_NAME", t.Text(150));
            Col(b.Property(x => x.TriggerGroup), "TRIGGER_GROUP", t.Text(150));
            Col(b.Property(x => x.FiredTime), "FIRED_TIME", t.BigInt);
            Col(b.Property(x => x.RunTime), "RUN_TIME", t.BigInt);
            Col(b.Property(x => x.Succeeded), "SUCCEEDED", t.Bit);
            Col(b.Property(x => x.ErrorMessage), "ERROR_MESSAGE", t.Text(1000));
            Col(b.Property(x => x.RetryAttempt), "RETRY_ATTEMPT", t.Integer).HasDefaultValue(0);
            Col(b.Property(x => x.RetryScheduled), "RETRY_SCHEDULED", t.Bit).HasDefaultValue(false);
            Col(b.Property(x => x.ExecutionLog), "EXECUTION_LOG", t.LongText);
            Col(b.Property(x => x.Result), "RESULT", t.Integer);
            Col(b.Property(x => x.Summary), "SUMMARY", t.Text(1000));
            Col(b.Property(x => x.Metrics), "METRICS", t.LongText);
            Col(b.Property(x => x.Manual), "MANUAL", t.Bit);
            Col(b.Property(x => x.FireInstanceId), "FIRE_INSTANCE_ID", t.Text(140));
            Col(b.Property(x => x.JobInput), "JOB_INPUT", t.LongText);
            Col(b.Property(x => x.JobInputTooLarge), "JOB_INPUT_TOO_LARGE", t.Bit);
            b.HasIndex(x => new { x.SchedName, x.FiredTime }).HasDatabaseName("IDX_QRTZ_EH_FIRED_TIME");
            b.HasIndex(x => new { x.SchedName, x.InstanceName }).HasDatabaseName("IDX_QRTZ_EH_INST");
            b.HasIndex(x => new { x.SchedName, x.JobGroup, x.JobName, x.FiredTime }).HasDatabaseName("IDX_QRTZ_EH_JOB_TIME");
            b.HasIndex(x => new { x.SchedName, x.FireInstanceId }).HasDatabaseName("IDX_QRTZ_EH_FIRE_INST");
            b.HasIndex(x => new { x.SchedName, x.TriggerGroup, x.TriggerName, x.FiredTime }).HasDatabaseName("IDX_QRTZ_EH_TRIG_TIME");
        });

        builder.Entity<QrtzMisfireHistory>(b =>
        {
            b.ToTable(Prefix + "MISFIRE_HISTORY");
            b.HasKey(x => new { x.SchedName, x.EntryId });
            Col(b.Property(x => x.SchedName), "SCHED_NAME", t.Text(120));
            Col(b.Property(x => x.EntryId), "ENTRY_ID", t.Text(140));
            Col(b.Property(x => x.InstanceName), "INSTANCE_NAME", t.Text(200));
            Col(b.Property(x => x.TriggerName), "TRIGGER_NAME", t.Text(150));
            Col(b.Property(x => x.TriggerGroup), "TRIGGER_GROUP", t.Text(150));
            Col(b.Property(x => x.JobName), "JOB_NAME", t.Text(150));
            Col(b.Property(x => x.JobGroup), "JOB_GROUP", t.Text(150));
            Col(b.Property(x => x.MisfireTime), "MISFIRE_TIME", t.BigInt);
            Col(b.Property(x => x.SchedTime), "SCHED_TIME", t.BigInt);
            Col(b.Property(x => x.Reason), "REASON", t.Integer);
            b.HasIndex(x => new { x.SchedName, x.MisfireTime }).HasDatabaseName("IDX_QRTZ_MH_MISFIRE_TIME");
            b.HasIndex(x => new { x.SchedName, x.InstanceName }).HasDatabaseName("IDX_QRTZ_MH_INST");
        });

        builder.Entity<QrtzJobStatus>(b =>
        {
            b.ToTable(Prefix + "JOB_STATUS");
            b.HasKey(x => new { x.SchedName, x.JobGroup, x.JobName });
            Col(b.Property(x => x.SchedName), "SCHED_NAME", t.Text(120));
            Col(b.Property(x => x.JobGroup), "JOB_GROUP", t.Text(150));
            Col(b.Property(x => x.JobName), "JOB_NAME", t.Text(150));
            Col(b.Property(x => x.FirstFiredTime), "FIRST_FIRED_TIME", t.BigInt);
            Col(b.Property(x => x.LastFiredTime), "LAST_FIRED_TIME", t.BigInt);
            Col(b.Property(x => x.LastResult), "LAST_RESULT", t.Integer);
            Col(b.Property(x => x.LastRunTime), "LAST_RUN_TIME", t.BigInt);
            Col(b.Property(x => x.LastInstanceName), "LAST_INSTANCE_NAME", t.Text(200));
            Col(b.Property(x => x.LastEntryId), "LAST_ENTRY_ID", t.Text(140));
            Col(b.Property(x => x.LastSummary), "LAST_SUMMARY", t.Text(1000));
            Col(b.Property(x => x.LastSuccessTime), "LAST_SUCCESS_TIME", t.BigInt);
            Col(b.Property(x => x.LastFailureTime), "LAST_FAILURE_TIME", t.BigInt);
            Col(b.Property(x => x.LastFailureMessage), "LAST_FAILURE_MESSAGE", t.Text(1000));
            Col(b.Property(x => x.ConsecutiveFailures), "CONSECUTIVE_FAILURES", t.Integer).HasDefaultValue(0);
            Col(b.Property(x => x.RunCount), "RUN_COUNT", t.BigInt).HasDefaultValue(0L);
            Col(b.Property(x => x.FailureCount), "FAILURE_COUNT", t.BigInt).HasDefaultValue(0L);
        });

        return builder;
    }

    private static PropertyBuilder<T> Col<T>(PropertyBuilder<T> property, string name, string type) =>
        property.HasColumnName(name).HasColumnType(type);

    /// <summary>PAUSE_REASON, PAUSED_BY and PAUSED_AT of a paused group.</summary>
    private static void Pause<T>(EntityTypeBuilder<T> b, ColumnTypes t) where T : class
    {
        b.Property<string?>("PauseReason").HasColumnName("PAUSE_REASON").HasColumnType(t.Text(250));
        b.Property<string?>("PausedBy").HasColumnName("PAUSED_BY").HasColumnType(t.Text(200));
        b.Property<long?>("PausedAt").HasColumnName("PAUSED_AT").HasColumnType(t.BigInt);
    }

    /// <summary>The (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) primary key every trigger table shares.</summary>
    private static void TriggerKey<T>(EntityTypeBuilder<T> b, ColumnTypes t) where T : class
    {
        b.HasKey("SchedName", "TriggerName", "TriggerGroup");
        b.Property<string>("SchedName").HasColumnName("SCHED_NAME").HasColumnType(t.Text(120));
        b.Property<string>("TriggerName").HasColumnName("TRIGGER_NAME").HasColumnType(t.Text(150));
        b.Property<string>("TriggerGroup").HasColumnName("TRIGGER_GROUP").HasColumnType(t.Text(150));
    }

    /// <summary>A trigger-kind table's row belongs to its QRTZ_TRIGGERS row and goes with it (ON DELETE CASCADE).</summary>
    private static void ChildOfTrigger<T>(EntityTypeBuilder<T> b, string constraintName) where T : class =>
        b.HasOne<QrtzTrigger>().WithOne()
            .HasForeignKey<T>("SchedName", "TriggerName", "TriggerGroup")
            .OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName(constraintName);

    /// <summary>
    /// The two scripts' spellings: SQLite's NVARCHAR/BIT/BLOB/BIGINT/INTEGER/TEXT, SQL Server's
    /// nvarchar/bit/varbinary(max)/bigint/int/nvarchar(max).
    /// </summary>
    private sealed class ColumnTypes(bool sqlServer)
    {
        public string Text(int length) => sqlServer ? $"nvarchar({length})" : $"NVARCHAR({length})";
        public string Bit => sqlServer ? "bit" : "BIT";
        public string Blob => sqlServer ? "varbinary(max)" : "BLOB";
        public string BigInt => sqlServer ? "bigint" : "BIGINT";
        public string Integer => sqlServer ? "int" : "INTEGER";
        public string LongText => sqlServer ? "nvarchar(max)" : "TEXT";
    }
}
