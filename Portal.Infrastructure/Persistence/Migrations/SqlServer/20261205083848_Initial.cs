using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    CurrentOrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TermsAcceptedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Culture = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    RealNameVerifiedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RealName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    TimeZoneId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    PasswordHash = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    SecurityStamp = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PhoneNumber = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "bit", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "bit", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditChainHeads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainHeads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditCheckpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    HeadHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    KeyLabel = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Signature = table.Column<string>(type: "nvarchar(1024)", maxLength: 1024, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCheckpoints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Action = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Target = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Outcome = table.Column<int>(type: "int", nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    IpAddress = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CorrelationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PreviousHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FriendlyName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Xml = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Uscc = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    Type = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    TimeZoneId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    LegalRepresentativeName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    LegalRepresentativeIdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    LegalRepresentativeUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Address = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IsMainland = table.Column<bool>(type: "bit", nullable: false),
                    Custody = table.Column<int>(type: "int", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AuthorizationLetterFile = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    BusinessLicenseFile = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    LegalRepresentativePhone = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    AwaitingPlatformReview = table.Column<bool>(type: "bit", nullable: false),
                    ReviewNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CertifiedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PkiCertificates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    IssuerId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SerialNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    KeyId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    NotBeforeUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NotAfterUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Der = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PkiCertificates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PkiCrlCounters",
                columns: table => new
                {
                    IssuerId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    LastNumber = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PkiCrlCounters", x => x.IssuerId);
                });

            migrationBuilder.CreateTable(
                name: "PkiKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    KeyId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Algorithm = table.Column<int>(type: "int", nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PkiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PkiRevocations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    IssuerId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SerialNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reason = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PkiRevocations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PkiTrustedCas",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    CertificateDer = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    IsPlatform = table.Column<bool>(type: "bit", nullable: false),
                    FailClosed = table.Column<bool>(type: "bit", nullable: false),
                    CrlDer = table.Column<byte[]>(type: "varbinary(max)", nullable: true),
                    CrlThisUpdateUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CrlNextUpdateUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CrlUrl = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PkiTrustedCas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_BLOB_TRIGGERS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    TRIGGER_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    TRIGGER_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    BLOB_DATA = table.Column<byte[]>(type: "varbinary(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_BLOB_TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP });
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_CALENDARS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    CALENDAR_NAME = table.Column<string>(type: "nvarchar(200)", nullable: false),
                    CALENDAR = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_CALENDARS", x => new { x.SCHED_NAME, x.CALENDAR_NAME });
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_EXECUTION_HISTORY",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    ENTRY_ID = table.Column<string>(type: "nvarchar(140)", nullable: false),
                    INSTANCE_NAME = table.Column<string>(type: "nvarchar(200)", nullable: false),
                    JOB_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    JOB_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    TRIGGER_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    TRIGGER_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    FIRED_TIME = table.Column<long>(type: "bigint", nullable: false),
                    RUN_TIME = table.Column<long>(type: "bigint", nullable: false),
                    SUCCEEDED = table.Column<bool>(type: "bit", nullable: false),
                    ERROR_MESSAGE = table.Column<string>(type: "nvarchar(1000)", nullable: true),
                    RETRY_ATTEMPT = table.Column<int>(type: "int", nullable: false, defaultValue: 0),
                    RETRY_SCHEDULED = table.Column<bool>(type: "bit", nullable: false, defaultValue: false),
                    EXECUTION_LOG = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    RESULT = table.Column<int>(type: "int", nullable: true),
                    SUMMARY = table.Column<string>(type: "nvarchar(1000)", nullable: true),
                    METRICS = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    MANUAL = table.Column<bool>(type: "bit", nullable: true),
                    FIRE_INSTANCE_ID = table.Column<string>(type: "nvarchar(140)", nullable: true),
                    JOB_INPUT = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    JOB_INPUT_TOO_LARGE = table.Column<bool>(type: "bit", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_EXECUTION_HISTORY", x => new { x.SCHED_NAME, x.ENTRY_ID });
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_FIRED_TRIGGERS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    ENTRY_ID = table.Column<string>(type: "nvarchar(140)", nullable: false),
                    TRIGGER_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    TRIGGER_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    INSTANCE_NAME = table.Column<string>(type: "nvarchar(200)", nullable: false),
                    FIRED_TIME = table.Column<long>(type: "bigint", nullable: false),
                    SCHED_TIME = table.Column<long>(type: "bigint", nullable: false),
                    PRIORITY = table.Column<int>(type: "int", nullable: false),
                    STATE = table.Column<string>(type: "nvarchar(16)", nullable: false),
                    JOB_NAME = table.Column<string>(type: "nvarchar(150)", nullable: true),
                    JOB_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: true),
                    IS_NONCONCURRENT = table.Column<bool>(type: "bit", nullable: true),
                    REQUESTS_RECOVERY = table.Column<bool>(type: "bit", nullable: true),
                    EXECUTION_GROUP = table.Column<string>(type: "nvarchar(200)", nullable: true),
                    PROGRESS = table.Column<int>(type: "int", nullable: true),
                    PROGRESS_MESSAGE = table.Column<string>(type: "nvarchar(250)", nullable: true),
                    INTERRUPT_REQUESTED_TIME = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_FIRED_TRIGGERS", x => new { x.SCHED_NAME, x.ENTRY_ID });
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_JOB_DETAILS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    JOB_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    JOB_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    DESCRIPTION = table.Column<string>(type: "nvarchar(250)", nullable: true),
                    JOB_CLASS_NAME = table.Column<string>(type: "nvarchar(250)", nullable: false),
                    IS_DURABLE = table.Column<bool>(type: "bit", nullable: false),
                    IS_NONCONCURRENT = table.Column<bool>(type: "bit", nullable: false),
                    IS_UPDATE_DATA = table.Column<bool>(type: "bit", nullable: false),
                    REQUESTS_RECOVERY = table.Column<bool>(type: "bit", nullable: false),
                    JOB_DATA = table.Column<byte[]>(type: "varbinary(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_JOB_DETAILS", x => new { x.SCHED_NAME, x.JOB_NAME, x.JOB_GROUP });
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_JOB_STATUS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    JOB_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    JOB_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    FIRST_FIRED_TIME = table.Column<long>(type: "bigint", nullable: false),
                    LAST_FIRED_TIME = table.Column<long>(type: "bigint", nullable: false),
                    LAST_RESULT = table.Column<int>(type: "int", nullable: false),
                    LAST_RUN_TIME = table.Column<long>(type: "bigint", nullable: false),
                    LAST_INSTANCE_NAME = table.Column<string>(type: "nvarchar(200)", nullable: false),
                    LAST_ENTRY_ID = table.Column<string>(type: "nvarchar(140)", nullable: true),
                    LAST_SUMMARY = table.Column<string>(type: "nvarchar(1000)", nullable: true),
                    LAST_SUCCESS_TIME = table.Column<long>(type: "bigint", nullable: true),
                    LAST_FAILURE_TIME = table.Column<long>(type: "bigint", nullable: true),
                    LAST_FAILURE_MESSAGE = table.Column<string>(type: "nvarchar(1000)", nullable: true),
                    CONSECUTIVE_FAILURES = table.Column<int>(type: "int", nullable: false, defaultValue: 0),
                    RUN_COUNT = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    FAILURE_COUNT = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_JOB_STATUS", x => new { x.SCHED_NAME, x.JOB_GROUP, x.JOB_NAME });
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_LOCKS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    LOCK_NAME = table.Column<string>(type: "nvarchar(40)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_LOCKS", x => new { x.SCHED_NAME, x.LOCK_NAME });
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_MISFIRE_HISTORY",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    ENTRY_ID = table.Column<string>(type: "nvarchar(140)", nullable: false),
                    INSTANCE_NAME = table.Column<string>(type: "nvarchar(200)", nullable: false),
                    TRIGGER_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    TRIGGER_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    JOB_NAME = table.Column<string>(type: "nvarchar(150)", nullable: true),
                    JOB_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: true),
                    MISFIRE_TIME = table.Column<long>(type: "bigint", nullable: false),
                    SCHED_TIME = table.Column<long>(type: "bigint", nullable: true),
                    REASON = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_MISFIRE_HISTORY", x => new { x.SCHED_NAME, x.ENTRY_ID });
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_PAUSED_JOB_GRPS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    JOB_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    PAUSE_REASON = table.Column<string>(type: "nvarchar(250)", nullable: true),
                    PAUSED_BY = table.Column<string>(type: "nvarchar(200)", nullable: true),
                    PAUSED_AT = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_PAUSED_JOB_GRPS", x => new { x.SCHED_NAME, x.JOB_GROUP });
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_PAUSED_TRIGGER_GRPS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    TRIGGER_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    PAUSE_REASON = table.Column<string>(type: "nvarchar(250)", nullable: true),
                    PAUSED_BY = table.Column<string>(type: "nvarchar(200)", nullable: true),
                    PAUSED_AT = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_PAUSED_TRIGGER_GRPS", x => new { x.SCHED_NAME, x.TRIGGER_GROUP });
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_SCHEDULER_STATE",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    INSTANCE_NAME = table.Column<string>(type: "nvarchar(200)", nullable: false),
                    LAST_CHECKIN_TIME = table.Column<long>(type: "bigint", nullable: false),
                    CHECKIN_INTERVAL = table.Column<long>(type: "bigint", nullable: false),
                    QUARTZ_VERSION = table.Column<string>(type: "nvarchar(20)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_SCHEDULER_STATE", x => new { x.SCHED_NAME, x.INSTANCE_NAME });
                });

            migrationBuilder.CreateTable(
                name: "SmsCodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Purpose = table.Column<int>(type: "int", nullable: false),
                    CodeHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FailedAttempts = table.Column<int>(type: "int", nullable: false),
                    ConsumedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsCodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SmsOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Phone = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SmsSends",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Phone = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    AccountId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    TemplateId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Delivered = table.Column<bool>(type: "bit", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsSends", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TaskNumberSequences",
                columns: table => new
                {
                    SpaceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Last = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskNumberSequences", x => new { x.SpaceId, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoleId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClaimType = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ClaimValue = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClaimType = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ClaimValue = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    ProviderKey = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserPasskeys",
                columns: table => new
                {
                    CredentialId = table.Column<byte[]>(type: "varbinary(1024)", maxLength: 1024, nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Data = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserPasskeys", x => x.CredentialId);
                    table.ForeignKey(
                        name: "FK_AspNetUserPasskeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RoleId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LoginProvider = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CertificateBindAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Fingerprint = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SerialNumber = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Issuer = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ConflictingBindingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OccurredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateBindAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateBindAttempts_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CertificateBindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Fingerprint = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    HeldFingerprint = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    SerialNumber = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Issuer = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    CommonName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    NotBeforeUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NotAfterUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CertificateDer = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    TrustedCaName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    TrustAtBinding = table.Column<int>(type: "int", nullable: false),
                    LastTrust = table.Column<int>(type: "int", nullable: true),
                    LastCheckedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    BoundAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RenewedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RenewedByBindingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    EndedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EndedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    EndReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateBindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateBindings_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CertificateChallenges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Fingerprint = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CertificateDer = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    Nonce = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateChallenges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateChallenges_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CertificateLoginTickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TokenHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StateHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BindingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SerialNumber = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateLoginTickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateLoginTickets_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CertificateOperations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Source = table.Column<int>(type: "int", nullable: false),
                    SerialNumber = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    IpAddress = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateOperations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateOperations_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CertificateOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Product = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Quantity = table.Column<int>(type: "int", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    PaymentReference = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    FailureReason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PaidAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateOrders_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonalCertificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ActiveOwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Type = table.Column<int>(type: "int", nullable: false),
                    KeyId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    SerialNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    NotBeforeUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NotAfterUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CertificateDer = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReplacedById = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RevokedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevocationReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Warned30AtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Warned7AtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalCertificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalCertificates_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonalSignatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    FaceSpecJson = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    ImageFile = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    IsDefault = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DeletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalSignatures_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RealNameVerifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    IdNumber = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    ProviderReference = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    IdPhotoFile = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    DecisionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RealNameVerifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RealNameVerifications_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReissueAllowances",
                columns: table => new
                {
                    OwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Used = table.Column<int>(type: "int", nullable: false),
                    Purchased = table.Column<int>(type: "int", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReissueAllowances", x => x.OwnerUserId);
                    table.ForeignKey(
                        name: "FK_ReissueAllowances_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SigningPins",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PinHash = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FailedAttempts = table.Column<int>(type: "int", nullable: false),
                    LockedUntilUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SigningPins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SigningPins_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Key = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AbsoluteExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Ticket = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Key);
                    table.ForeignKey(
                        name: "FK_UserSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Departments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ParentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Departments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Departments_Departments_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Departments_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JoinRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicantUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicantName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    DecisionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JoinRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JoinRequests_AspNetUsers_ApplicantUserId",
                        column: x => x.ApplicantUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_JoinRequests_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LegalRepresentativeSealConsents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LegalRepresentativeName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    GivenAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    WithdrawnAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalRepresentativeSealConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LegalRepresentativeSealConsents_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MemberInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Roles = table.Column<int>(type: "int", nullable: false),
                    InvitedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberInvitations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MemberRemovalRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MembershipId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MemberName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestedByName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    DecisionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberRemovalRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberRemovalRequests_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MicroDeposits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BankName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    BankAccount = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    AccountHolder = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MicroDeposits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MicroDeposits_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlatformReviewRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    NewName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    NewUscc = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    NewLegalRepresentativeName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    NewLegalRepresentativeIdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ProofFile = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    DecisionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformReviewRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlatformReviewRequests_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SealPolicies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VoidingBehaviour = table.Column<int>(type: "int", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SealPolicies_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SealUsages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SealId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SealName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DocumentName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    DocumentSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SignedSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SignedFileKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Pages = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    StampCount = table.Column<int>(type: "int", nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    IpAddress = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Decision = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    GrantId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    UseRequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SigningTaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SigningTaskNumber = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealUsages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SealUsages_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SealUsages_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SealUseRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SealId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SealName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ApplicantUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicantName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DocumentName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    DocumentSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DocumentFileKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Placements = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    TaskDocumentKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DecidedByName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DecisionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    UsedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealUseRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SealUseRequests_AspNetUsers_ApplicantUserId",
                        column: x => x.ApplicantUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SealUseRequests_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SigningTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SpaceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    BusinessTypeId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    BusinessTypeName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    InitiatorUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    InitiatorName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "int", nullable: false),
                    ReminderIntervalDays = table.Column<int>(type: "int", nullable: true),
                    DeadlineDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TimeZoneId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    VoidKind = table.Column<int>(type: "int", nullable: true),
                    VoidReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    VoidedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    VoidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CurrentStep = table.Column<int>(type: "int", nullable: false),
                    LastAutoReminderAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SigningTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SigningTasks_AspNetUsers_InitiatorUserId",
                        column: x => x.InitiatorUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SigningTasks_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TaskBusinessTypes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Archived = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskBusinessTypes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskBusinessTypes_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_TRIGGERS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    TRIGGER_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    TRIGGER_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    JOB_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    JOB_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    DESCRIPTION = table.Column<string>(type: "nvarchar(250)", nullable: true),
                    NEXT_FIRE_TIME = table.Column<long>(type: "bigint", nullable: true),
                    PREV_FIRE_TIME = table.Column<long>(type: "bigint", nullable: true),
                    PRIORITY = table.Column<int>(type: "int", nullable: true),
                    TRIGGER_STATE = table.Column<string>(type: "nvarchar(16)", nullable: false),
                    TRIGGER_TYPE = table.Column<string>(type: "nvarchar(8)", nullable: false),
                    START_TIME = table.Column<long>(type: "bigint", nullable: false),
                    END_TIME = table.Column<long>(type: "bigint", nullable: true),
                    CALENDAR_NAME = table.Column<string>(type: "nvarchar(200)", nullable: true),
                    MISFIRE_INSTR = table.Column<int>(type: "int", nullable: true),
                    MISFIRE_ORIG_FIRE_TIME = table.Column<long>(type: "bigint", nullable: true),
                    EXECUTION_GROUP = table.Column<string>(type: "nvarchar(200)", nullable: true),
                    PREFERRED_NODE = table.Column<string>(type: "nvarchar(200)", nullable: true),
                    PREFERRED_NODE_AUTO = table.Column<bool>(type: "bit", nullable: false, defaultValue: false),
                    RETRY_POLICY = table.Column<string>(type: "nvarchar(250)", nullable: true),
                    RETRY_ATTEMPT = table.Column<int>(type: "int", nullable: true),
                    CONTINUES_TRIGGER_NAME = table.Column<string>(type: "nvarchar(150)", nullable: true),
                    CONTINUES_TRIGGER_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: true),
                    CONTINUATION_CONDITION = table.Column<int>(type: "int", nullable: true),
                    OVERLAP_POLICY = table.Column<int>(type: "int", nullable: true),
                    PAUSE_REASON = table.Column<string>(type: "nvarchar(250)", nullable: true),
                    PAUSED_BY = table.Column<string>(type: "nvarchar(200)", nullable: true),
                    PAUSED_AT = table.Column<long>(type: "bigint", nullable: true),
                    MISFIRE_THRESHOLD = table.Column<long>(type: "bigint", nullable: true),
                    FIXED_DELAY = table.Column<bool>(type: "bit", nullable: true),
                    JOB_DATA = table.Column<byte[]>(type: "varbinary(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP });
                    table.ForeignKey(
                        name: "FK_QRTZ_TRIGGERS_QRTZ_JOB_DETAILS",
                        columns: x => new { x.SCHED_NAME, x.JOB_NAME, x.JOB_GROUP },
                        principalTable: "QRTZ_JOB_DETAILS",
                        principalColumns: new[] { "SCHED_NAME", "JOB_NAME", "JOB_GROUP" });
                });

            migrationBuilder.CreateTable(
                name: "CertificateBindingEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BindingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateBindingEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateBindingEvents_CertificateBindings_BindingId",
                        column: x => x.BindingId,
                        principalTable: "CertificateBindings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CertificateInstallRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CertificateId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Type = table.Column<int>(type: "int", nullable: false),
                    SerialNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    NotAfterUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateInstallRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateInstallRecords_PersonalCertificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "PersonalCertificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Memberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Roles = table.Column<int>(type: "int", nullable: false),
                    JoinedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Memberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Memberships_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Memberships_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Memberships_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Seals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Type = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FaceSource = table.Column<int>(type: "int", nullable: false),
                    FaceSpecJson = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    ImageFile = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    KeyId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    CertificateDer = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    CertificateSerial = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CertificateNotAfterUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CertificateRevokedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    VoidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    VoidedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    VoidReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    LegalRepresentativeConsentUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LegalRepresentativeConsentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReviewedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReviewNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Seals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Seals_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Seals_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TaskCcRecipients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskCcRecipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskCcRecipients_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TaskCcRecipients_SigningTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "SigningTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaskDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    Pages = table.Column<int>(type: "int", nullable: false),
                    CurrentVersion = table.Column<int>(type: "int", nullable: false),
                    CurrentFileKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CurrentSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskDocuments_SigningTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "SigningTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaskEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ActorName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    IpAddress = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Action = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Outcome = table.Column<int>(type: "int", nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskEvents_SigningTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "SigningTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaskParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Step = table.Column<int>(type: "int", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    SignAs = table.Column<int>(type: "int", nullable: false),
                    DesignatedSealType = table.Column<int>(type: "int", nullable: true),
                    AllowFreePlacement = table.Column<bool>(type: "bit", nullable: false),
                    AllowRefusal = table.Column<bool>(type: "bit", nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    TaskStatus = table.Column<int>(type: "int", nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    Signatures = table.Column<int>(type: "int", nullable: false),
                    ActivatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastSignedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastRemindedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RefusalReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskParticipants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TaskParticipants_SigningTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "SigningTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_CRON_TRIGGERS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    TRIGGER_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    TRIGGER_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    CRON_EXPRESSION = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    TIME_ZONE_ID = table.Column<string>(type: "nvarchar(80)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_CRON_TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP });
                    table.ForeignKey(
                        name: "FK_QRTZ_CRON_TRIGGERS_QRTZ_TRIGGERS",
                        columns: x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP },
                        principalTable: "QRTZ_TRIGGERS",
                        principalColumns: new[] { "SCHED_NAME", "TRIGGER_NAME", "TRIGGER_GROUP" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_SIMPLE_TRIGGERS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    TRIGGER_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    TRIGGER_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    REPEAT_COUNT = table.Column<int>(type: "int", nullable: false),
                    REPEAT_INTERVAL = table.Column<long>(type: "bigint", nullable: false),
                    TIMES_TRIGGERED = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_SIMPLE_TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP });
                    table.ForeignKey(
                        name: "FK_QRTZ_SIMPLE_TRIGGERS_QRTZ_TRIGGERS",
                        columns: x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP },
                        principalTable: "QRTZ_TRIGGERS",
                        principalColumns: new[] { "SCHED_NAME", "TRIGGER_NAME", "TRIGGER_GROUP" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QRTZ_SIMPROP_TRIGGERS",
                columns: table => new
                {
                    SCHED_NAME = table.Column<string>(type: "nvarchar(120)", nullable: false),
                    TRIGGER_NAME = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    TRIGGER_GROUP = table.Column<string>(type: "nvarchar(150)", nullable: false),
                    STR_PROP_1 = table.Column<string>(type: "nvarchar(512)", nullable: true),
                    STR_PROP_2 = table.Column<string>(type: "nvarchar(512)", nullable: true),
                    STR_PROP_3 = table.Column<string>(type: "nvarchar(512)", nullable: true),
                    INT_PROP_1 = table.Column<int>(type: "int", nullable: true),
                    INT_PROP_2 = table.Column<int>(type: "int", nullable: true),
                    LONG_PROP_1 = table.Column<long>(type: "bigint", nullable: true),
                    LONG_PROP_2 = table.Column<long>(type: "bigint", nullable: true),
                    DEC_PROP_1 = table.Column<decimal>(type: "numeric(13,4)", nullable: true),
                    DEC_PROP_2 = table.Column<decimal>(type: "numeric(13,4)", nullable: true),
                    BOOL_PROP_1 = table.Column<bool>(type: "bit", nullable: true),
                    BOOL_PROP_2 = table.Column<bool>(type: "bit", nullable: true),
                    TIME_ZONE_ID = table.Column<string>(type: "nvarchar(80)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QRTZ_SIMPROP_TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP });
                    table.ForeignKey(
                        name: "FK_QRTZ_SIMPROP_TRIGGERS_QRTZ_TRIGGERS",
                        columns: x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP },
                        principalTable: "QRTZ_TRIGGERS",
                        principalColumns: new[] { "SCHED_NAME", "TRIGGER_NAME", "TRIGGER_GROUP" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SealGrantRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SealId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicantUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicantName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ApplicantDepartmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    StartUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    GrantId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealGrantRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SealGrantRequests_Seals_SealId",
                        column: x => x.SealId,
                        principalTable: "Seals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SealGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SealId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GranteeUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    GranteeDepartmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    StartUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Source = table.Column<int>(type: "int", nullable: false),
                    GrantedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GrantedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RevokeReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealGrants", x => x.Id);
                    table.CheckConstraint("CK_SealGrants_OneGrantee", "(\"GranteeUserId\" IS NULL AND \"GranteeDepartmentId\" IS NOT NULL) OR (\"GranteeUserId\" IS NOT NULL AND \"GranteeDepartmentId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_SealGrants_Departments_GranteeDepartmentId",
                        column: x => x.GranteeDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SealGrants_Seals_SealId",
                        column: x => x.SealId,
                        principalTable: "Seals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SealPolicyRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PolicyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SealType = table.Column<int>(type: "int", nullable: false),
                    SealId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    MakeRoles = table.Column<int>(type: "int", nullable: false),
                    VoidRoles = table.Column<int>(type: "int", nullable: false),
                    GrantRoles = table.Column<int>(type: "int", nullable: false),
                    LegalRepresentativeGrantable = table.Column<bool>(type: "bit", nullable: false),
                    MaxGrantDays = table.Column<int>(type: "int", nullable: true),
                    AllowLongTerm = table.Column<bool>(type: "bit", nullable: false),
                    ApprovalChain = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RequiresUseApproval = table.Column<bool>(type: "bit", nullable: false),
                    UseApproverRoles = table.Column<int>(type: "int", nullable: false),
                    MaxUsesPerUserPerDay = table.Column<int>(type: "int", nullable: true),
                    AllowedFromHour = table.Column<int>(type: "int", nullable: true),
                    AllowedToHour = table.Column<int>(type: "int", nullable: true),
                    AllowedWeekdays = table.Column<int>(type: "int", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealPolicyRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SealPolicyRules_SealPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "SealPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SealPolicyRules_Seals_SealId",
                        column: x => x.SealId,
                        principalTable: "Seals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SealVoidRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SealId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SealName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SealType = table.Column<int>(type: "int", nullable: false),
                    Cause = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    VoidedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    VoidedByName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    VoidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    GrantsRevoked = table.Column<int>(type: "int", nullable: false),
                    GrantsKept = table.Column<int>(type: "int", nullable: false),
                    CertificateRevoked = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealVoidRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SealVoidRecords_Seals_SealId",
                        column: x => x.SealId,
                        principalTable: "Seals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TaskDocumentVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Number = table.Column<int>(type: "int", nullable: false),
                    FileKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SignerName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    SealUsageId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskDocumentVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskDocumentVersions_TaskDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "TaskDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaskParticipantPositions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DocumentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Page = table.Column<int>(type: "int", nullable: true),
                    X = table.Column<double>(type: "float", nullable: true),
                    Y = table.Column<double>(type: "float", nullable: true),
                    Keyword = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskParticipantPositions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskParticipantPositions_TaskParticipants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "TaskParticipants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SealGrantRequestSteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Order = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    DecidedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DecidedByName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealGrantRequestSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SealGrantRequestSteps_SealGrantRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "SealGrantRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true,
                filter: "[NormalizedName] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserPasskeys_UserId",
                table: "AspNetUserPasskeys",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true,
                filter: "[NormalizedUserName] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditCheckpoints_Sequence",
                table: "AuditCheckpoints",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OrganizationId_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "OrganizationId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Sequence",
                table: "AuditEvents",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CertificateBindAttempts_Fingerprint",
                table: "CertificateBindAttempts",
                column: "Fingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateBindAttempts_OccurredAtUtc",
                table: "CertificateBindAttempts",
                column: "OccurredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateBindAttempts_UserId",
                table: "CertificateBindAttempts",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateBindingEvents_BindingId",
                table: "CertificateBindingEvents",
                column: "BindingId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateBindings_Fingerprint",
                table: "CertificateBindings",
                column: "Fingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateBindings_HeldFingerprint",
                table: "CertificateBindings",
                column: "HeldFingerprint",
                unique: true,
                filter: "[HeldFingerprint] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateBindings_NotAfterUtc",
                table: "CertificateBindings",
                column: "NotAfterUtc");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateBindings_OwnerUserId",
                table: "CertificateBindings",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateBindings_SerialNumber",
                table: "CertificateBindings",
                column: "SerialNumber");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateBindings_Subject_Issuer",
                table: "CertificateBindings",
                columns: new[] { "Subject", "Issuer" });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateChallenges_OwnerUserId",
                table: "CertificateChallenges",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateInstallRecords_CertificateId",
                table: "CertificateInstallRecords",
                column: "CertificateId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateInstallRecords_OwnerUserId_OccurredAtUtc",
                table: "CertificateInstallRecords",
                columns: new[] { "OwnerUserId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateLoginTickets_TokenHash",
                table: "CertificateLoginTickets",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CertificateLoginTickets_UserId",
                table: "CertificateLoginTickets",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateOperations_OwnerUserId_OccurredAtUtc",
                table: "CertificateOperations",
                columns: new[] { "OwnerUserId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateOrders_OwnerUserId",
                table: "CertificateOrders",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Departments_OrganizationId",
                table: "Departments",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Departments_ParentId",
                table: "Departments",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_JoinRequests_ApplicantUserId",
                table: "JoinRequests",
                column: "ApplicantUserId");

            migrationBuilder.CreateIndex(
                name: "IX_JoinRequests_OrganizationId_Status",
                table: "JoinRequests",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_LegalRepresentativeSealConsents_OrganizationId_UserId",
                table: "LegalRepresentativeSealConsents",
                columns: new[] { "OrganizationId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberInvitations_OrganizationId_Status",
                table: "MemberInvitations",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberInvitations_Phone_Status",
                table: "MemberInvitations",
                columns: new[] { "Phone", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberRemovalRequests_OrganizationId_Status",
                table: "MemberRemovalRequests",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_DepartmentId",
                table: "Memberships",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_OrganizationId_UserId",
                table: "Memberships",
                columns: new[] { "OrganizationId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_UserId",
                table: "Memberships",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_MicroDeposits_OrganizationId_CreatedAtUtc",
                table: "MicroDeposits",
                columns: new[] { "OrganizationId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MicroDeposits_RequestedByUserId_CreatedAtUtc",
                table: "MicroDeposits",
                columns: new[] { "RequestedByUserId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Uscc",
                table: "Organizations",
                column: "Uscc");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalCertificates_ActiveOwnerUserId",
                table: "PersonalCertificates",
                column: "ActiveOwnerUserId",
                unique: true,
                filter: "[ActiveOwnerUserId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalCertificates_OwnerUserId",
                table: "PersonalCertificates",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalCertificates_SerialNumber",
                table: "PersonalCertificates",
                column: "SerialNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonalCertificates_Status_NotAfterUtc",
                table: "PersonalCertificates",
                columns: new[] { "Status", "NotAfterUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonalSignatures_OwnerUserId_DeletedAtUtc",
                table: "PersonalSignatures",
                columns: new[] { "OwnerUserId", "DeletedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PkiCertificates_IssuerId_SerialNumber",
                table: "PkiCertificates",
                columns: new[] { "IssuerId", "SerialNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PkiCertificates_Kind",
                table: "PkiCertificates",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_PkiKeys_KeyId",
                table: "PkiKeys",
                column: "KeyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PkiKeys_Purpose",
                table: "PkiKeys",
                column: "Purpose");

            migrationBuilder.CreateIndex(
                name: "IX_PkiRevocations_IssuerId_SerialNumber",
                table: "PkiRevocations",
                columns: new[] { "IssuerId", "SerialNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlatformReviewRequests_OrganizationId_Status",
                table: "PlatformReviewRequests",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_EH_FIRE_INST",
                table: "QRTZ_EXECUTION_HISTORY",
                columns: new[] { "SCHED_NAME", "FIRE_INSTANCE_ID" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_EH_FIRED_TIME",
                table: "QRTZ_EXECUTION_HISTORY",
                columns: new[] { "SCHED_NAME", "FIRED_TIME" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_EH_INST",
                table: "QRTZ_EXECUTION_HISTORY",
                columns: new[] { "SCHED_NAME", "INSTANCE_NAME" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_EH_JOB_TIME",
                table: "QRTZ_EXECUTION_HISTORY",
                columns: new[] { "SCHED_NAME", "JOB_GROUP", "JOB_NAME", "FIRED_TIME" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_EH_TRIG_TIME",
                table: "QRTZ_EXECUTION_HISTORY",
                columns: new[] { "SCHED_NAME", "TRIGGER_GROUP", "TRIGGER_NAME", "FIRED_TIME" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_FT_INST_JOB_REQ_RCVRY",
                table: "QRTZ_FIRED_TRIGGERS",
                columns: new[] { "SCHED_NAME", "INSTANCE_NAME", "REQUESTS_RECOVERY" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_FT_J_G",
                table: "QRTZ_FIRED_TRIGGERS",
                columns: new[] { "SCHED_NAME", "JOB_NAME", "JOB_GROUP" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_FT_T_G",
                table: "QRTZ_FIRED_TRIGGERS",
                columns: new[] { "SCHED_NAME", "TRIGGER_NAME", "TRIGGER_GROUP" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_J_G_N",
                table: "QRTZ_JOB_DETAILS",
                columns: new[] { "SCHED_NAME", "JOB_GROUP", "JOB_NAME" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_MH_INST",
                table: "QRTZ_MISFIRE_HISTORY",
                columns: new[] { "SCHED_NAME", "INSTANCE_NAME" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_MH_MISFIRE_TIME",
                table: "QRTZ_MISFIRE_HISTORY",
                columns: new[] { "SCHED_NAME", "MISFIRE_TIME" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_T_C",
                table: "QRTZ_TRIGGERS",
                columns: new[] { "SCHED_NAME", "CALENDAR_NAME" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_T_G_N",
                table: "QRTZ_TRIGGERS",
                columns: new[] { "SCHED_NAME", "TRIGGER_GROUP", "TRIGGER_NAME" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_T_J",
                table: "QRTZ_TRIGGERS",
                columns: new[] { "SCHED_NAME", "JOB_NAME", "JOB_GROUP" });

            migrationBuilder.CreateIndex(
                name: "IDX_QRTZ_T_NFT_ST",
                table: "QRTZ_TRIGGERS",
                columns: new[] { "SCHED_NAME", "TRIGGER_STATE", "NEXT_FIRE_TIME", "PRIORITY", "MISFIRE_INSTR" },
                descending: new[] { false, false, false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_RealNameVerifications_OwnerUserId_Status",
                table: "RealNameVerifications",
                columns: new[] { "OwnerUserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RealNameVerifications_Status",
                table: "RealNameVerifications",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_SealGrantRequests_OrganizationId_ApplicantUserId",
                table: "SealGrantRequests",
                columns: new[] { "OrganizationId", "ApplicantUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_SealGrantRequests_OrganizationId_Status",
                table: "SealGrantRequests",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SealGrantRequests_SealId",
                table: "SealGrantRequests",
                column: "SealId");

            migrationBuilder.CreateIndex(
                name: "IX_SealGrantRequestSteps_OrganizationId_Status",
                table: "SealGrantRequestSteps",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SealGrantRequestSteps_RequestId_Order",
                table: "SealGrantRequestSteps",
                columns: new[] { "RequestId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SealGrants_GranteeDepartmentId",
                table: "SealGrants",
                column: "GranteeDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_SealGrants_OrganizationId_GranteeDepartmentId",
                table: "SealGrants",
                columns: new[] { "OrganizationId", "GranteeDepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_SealGrants_OrganizationId_GranteeUserId",
                table: "SealGrants",
                columns: new[] { "OrganizationId", "GranteeUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_SealGrants_OrganizationId_SealId_Status",
                table: "SealGrants",
                columns: new[] { "OrganizationId", "SealId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SealGrants_SealId",
                table: "SealGrants",
                column: "SealId");

            migrationBuilder.CreateIndex(
                name: "IX_SealPolicies_OrganizationId",
                table: "SealPolicies",
                column: "OrganizationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SealPolicyRules_PolicyId_SealType_SealId",
                table: "SealPolicyRules",
                columns: new[] { "PolicyId", "SealType", "SealId" });

            migrationBuilder.CreateIndex(
                name: "IX_SealPolicyRules_SealId",
                table: "SealPolicyRules",
                column: "SealId");

            migrationBuilder.CreateIndex(
                name: "IX_Seals_DepartmentId",
                table: "Seals",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Seals_OrganizationId_Type_Status",
                table: "Seals",
                columns: new[] { "OrganizationId", "Type", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Seals_Status",
                table: "Seals",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_SealUsages_OrganizationId_SignedAtUtc",
                table: "SealUsages",
                columns: new[] { "OrganizationId", "SignedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SealUsages_OrganizationId_UserId",
                table: "SealUsages",
                columns: new[] { "OrganizationId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_SealUsages_SealId_UserId_SignedAtUtc",
                table: "SealUsages",
                columns: new[] { "SealId", "UserId", "SignedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SealUsages_SigningTaskId",
                table: "SealUsages",
                column: "SigningTaskId");

            migrationBuilder.CreateIndex(
                name: "IX_SealUsages_UserId",
                table: "SealUsages",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_SealUseRequests_ApplicantUserId_SealId_DocumentSha256",
                table: "SealUseRequests",
                columns: new[] { "ApplicantUserId", "SealId", "DocumentSha256" });

            migrationBuilder.CreateIndex(
                name: "IX_SealUseRequests_OrganizationId_Status",
                table: "SealUseRequests",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SealVoidRecords_OrganizationId_VoidedAtUtc",
                table: "SealVoidRecords",
                columns: new[] { "OrganizationId", "VoidedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SealVoidRecords_SealId",
                table: "SealVoidRecords",
                column: "SealId");

            migrationBuilder.CreateIndex(
                name: "IX_SigningPins_OwnerUserId",
                table: "SigningPins",
                column: "OwnerUserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SigningTasks_InitiatorUserId",
                table: "SigningTasks",
                column: "InitiatorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_SigningTasks_OrganizationId",
                table: "SigningTasks",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_SigningTasks_SpaceId_CreatedAtUtc_OrganizationId_Status",
                table: "SigningTasks",
                columns: new[] { "SpaceId", "CreatedAtUtc", "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SigningTasks_SpaceId_InitiatorUserId_Status_CreatedAtUtc_OrganizationId",
                table: "SigningTasks",
                columns: new[] { "SpaceId", "InitiatorUserId", "Status", "CreatedAtUtc", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_SigningTasks_SpaceId_Number",
                table: "SigningTasks",
                columns: new[] { "SpaceId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SigningTasks_SpaceId_Status_CreatedAtUtc_OrganizationId",
                table: "SigningTasks",
                columns: new[] { "SpaceId", "Status", "CreatedAtUtc", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_SigningTasks_Status_DeadlineUtc",
                table: "SigningTasks",
                columns: new[] { "Status", "DeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SmsCodes_Phone_SentAtUtc",
                table: "SmsCodes",
                columns: new[] { "Phone", "SentAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SmsOutbox_Phone",
                table: "SmsOutbox",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_SmsSends_AccountId_SentAtUtc",
                table: "SmsSends",
                columns: new[] { "AccountId", "SentAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SmsSends_Phone_SentAtUtc",
                table: "SmsSends",
                columns: new[] { "Phone", "SentAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskBusinessTypes_OrganizationId_Name",
                table: "TaskBusinessTypes",
                columns: new[] { "OrganizationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TaskCcRecipients_TaskId",
                table: "TaskCcRecipients",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_TaskCcRecipients_UserId_TaskId_OrganizationId",
                table: "TaskCcRecipients",
                columns: new[] { "UserId", "TaskId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskDocuments_TaskId_Position",
                table: "TaskDocuments",
                columns: new[] { "TaskId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskDocumentVersions_DocumentId_Number",
                table: "TaskDocumentVersions",
                columns: new[] { "DocumentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TaskDocumentVersions_TaskId",
                table: "TaskDocumentVersions",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_TaskEvents_TaskId_AtUtc",
                table: "TaskEvents",
                columns: new[] { "TaskId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskParticipantPositions_ParticipantId",
                table: "TaskParticipantPositions",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_TaskParticipants_TaskId_Step",
                table: "TaskParticipants",
                columns: new[] { "TaskId", "Step" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskParticipants_UserId_State_TaskId_OrganizationId",
                table: "TaskParticipants",
                columns: new[] { "UserId", "State", "TaskId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskParticipants_UserId_TaskStatus_State_TaskId_OrganizationId",
                table: "TaskParticipants",
                columns: new[] { "UserId", "TaskStatus", "State", "TaskId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId",
                table: "UserSessions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserPasskeys");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditChainHeads");

            migrationBuilder.DropTable(
                name: "AuditCheckpoints");

            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropTable(
                name: "CertificateBindAttempts");

            migrationBuilder.DropTable(
                name: "CertificateBindingEvents");

            migrationBuilder.DropTable(
                name: "CertificateChallenges");

            migrationBuilder.DropTable(
                name: "CertificateInstallRecords");

            migrationBuilder.DropTable(
                name: "CertificateLoginTickets");

            migrationBuilder.DropTable(
                name: "CertificateOperations");

            migrationBuilder.DropTable(
                name: "CertificateOrders");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "JoinRequests");

            migrationBuilder.DropTable(
                name: "LegalRepresentativeSealConsents");

            migrationBuilder.DropTable(
                name: "MemberInvitations");

            migrationBuilder.DropTable(
                name: "MemberRemovalRequests");

            migrationBuilder.DropTable(
                name: "Memberships");

            migrationBuilder.DropTable(
                name: "MicroDeposits");

            migrationBuilder.DropTable(
                name: "PersonalSignatures");

            migrationBuilder.DropTable(
                name: "PkiCertificates");

            migrationBuilder.DropTable(
                name: "PkiCrlCounters");

            migrationBuilder.DropTable(
                name: "PkiKeys");

            migrationBuilder.DropTable(
                name: "PkiRevocations");

            migrationBuilder.DropTable(
                name: "PkiTrustedCas");

            migrationBuilder.DropTable(
                name: "PlatformReviewRequests");

            migrationBuilder.DropTable(
                name: "QRTZ_BLOB_TRIGGERS");

            migrationBuilder.DropTable(
                name: "QRTZ_CALENDARS");

            migrationBuilder.DropTable(
                name: "QRTZ_CRON_TRIGGERS");

            migrationBuilder.DropTable(
                name: "QRTZ_EXECUTION_HISTORY");

            migrationBuilder.DropTable(
                name: "QRTZ_FIRED_TRIGGERS");

            migrationBuilder.DropTable(
                name: "QRTZ_JOB_STATUS");

            migrationBuilder.DropTable(
                name: "QRTZ_LOCKS");

            migrationBuilder.DropTable(
                name: "QRTZ_MISFIRE_HISTORY");

            migrationBuilder.DropTable(
                name: "QRTZ_PAUSED_JOB_GRPS");

            migrationBuilder.DropTable(
                name: "QRTZ_PAUSED_TRIGGER_GRPS");

            migrationBuilder.DropTable(
                name: "QRTZ_SCHEDULER_STATE");

            migrationBuilder.DropTable(
                name: "QRTZ_SIMPLE_TRIGGERS");

            migrationBuilder.DropTable(
                name: "QRTZ_SIMPROP_TRIGGERS");

            migrationBuilder.DropTable(
                name: "RealNameVerifications");

            migrationBuilder.DropTable(
                name: "ReissueAllowances");

            migrationBuilder.DropTable(
                name: "SealGrantRequestSteps");

            migrationBuilder.DropTable(
                name: "SealGrants");

            migrationBuilder.DropTable(
                name: "SealPolicyRules");

            migrationBuilder.DropTable(
                name: "SealUsages");

            migrationBuilder.DropTable(
                name: "SealUseRequests");

            migrationBuilder.DropTable(
                name: "SealVoidRecords");

            migrationBuilder.DropTable(
                name: "SigningPins");

            migrationBuilder.DropTable(
                name: "SmsCodes");

            migrationBuilder.DropTable(
                name: "SmsOutbox");

            migrationBuilder.DropTable(
                name: "SmsSends");

            migrationBuilder.DropTable(
                name: "TaskBusinessTypes");

            migrationBuilder.DropTable(
                name: "TaskCcRecipients");

            migrationBuilder.DropTable(
                name: "TaskDocumentVersions");

            migrationBuilder.DropTable(
                name: "TaskEvents");

            migrationBuilder.DropTable(
                name: "TaskNumberSequences");

            migrationBuilder.DropTable(
                name: "TaskParticipantPositions");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "CertificateBindings");

            migrationBuilder.DropTable(
                name: "PersonalCertificates");

            migrationBuilder.DropTable(
                name: "QRTZ_TRIGGERS");

            migrationBuilder.DropTable(
                name: "SealGrantRequests");

            migrationBuilder.DropTable(
                name: "SealPolicies");

            migrationBuilder.DropTable(
                name: "TaskDocuments");

            migrationBuilder.DropTable(
                name: "TaskParticipants");

            migrationBuilder.DropTable(
                name: "QRTZ_JOB_DETAILS");

            migrationBuilder.DropTable(
                name: "Seals");

            migrationBuilder.DropTable(
                name: "SigningTasks");

            migrationBuilder.DropTable(
                name: "Departments");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Organizations");
        }
    }
}
