using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Portal.Infrastructure.Persistence;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Jobs;

/// <summary>
/// Our migrations make Quartz's job store tables exactly as the Quartz version we reference would make them itself: its own
/// schema scripts (embedded in Quartz.dll, what ProvisionSchema() runs) are the reference. After a Quartz upgrade these tests
/// say which column, key or index the EF model (Persistence/JobStore/QuartzTables.cs) must follow.
/// </summary>
public sealed partial class QuartzSchemaTests
{
    private static string QuartzScript(string dialect)
    {
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream($"Quartz.Impl.AdoJobStore.Schema.create_{dialect}.sql")
            ?? throw new InvalidOperationException($"Quartz ships no create_{dialect}.sql");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("{0}", "QRTZ_", StringComparison.Ordinal).Replace("{1}", "QRTZ_", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrated_sqlite_tables_match_quartz_own_sqlite_schema_column_for_column()
    {
        string? migrated = null;
        await using var db = await TestDatabase.CreateAsync(false, (_, configuration) => migrated = configuration.GetConnectionString("DefaultConnection"));
        var dir = TestTemp.NewFolder("quartz-schema");
        var reference = $"Data Source={Path.Combine(dir, "quartz.db")};Pooling=False";
        try
        {
            await using (var connection = new SqliteConnection(reference))
            {
                await connection.OpenAsync();
                foreach (var statement in QuartzScript("sqlite").Split("\n--;;", StringSplitOptions.RemoveEmptyEntries))
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = statement;
                    await command.ExecuteNonQueryAsync();
                }
            }

            var expected = await DescribeAsync(reference);
            var actual = await DescribeAsync(migrated!);
            Assert.True(expected.Count > 50, "the reference schema was read");
            Assert.True(expected.SequenceEqual(actual), Difference(expected, actual));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestTemp.TryDelete(dir);
        }
    }

    /// <summary>Every QRTZ_ table's columns (type, not null, default, key position), foreign keys and named indexes, as lines.</summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        var lines = new List<string>();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = await RowsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ\\_%' ESCAPE '\\'");
        foreach (var table in tables.Select(t => (string)t[0]!))
        {
            foreach (var c in await RowsAsync(connection, $"PRAGMA table_info('{table}')"))
            {
                lines.Add($"{table}.{c[1]} {c[2]} notnull={c[3]} default={c[4]} pk={c[5]}");
            }
            foreach (var f in await RowsAsync(connection, $"PRAGMA foreign_key_list('{table}')"))
            {
                lines.Add($"{table} fk {f[3]} -> {f[2]}.{f[4]} on delete {f[6]}");
            }
            foreach (var i in await RowsAsync(connection, $"PRAGMA index_list('{table}')"))
            {
                if ((string)i[3]! != "c")
                {
                    continue; // the primary key's own index
                }
                var columns = (await RowsAsync(connection, $"PRAGMA index_xinfo('{i[1]}')"))
                    .Where(x => Convert.ToInt64(x[5], CultureInfo.InvariantCulture) == 1)
                    .Select(x => $"{x[2]}{(Convert.ToInt64(x[3], CultureInfo.InvariantCulture) == 1 ? " DESC" : "")}");
                lines.Add($"{table} index {i[1]} unique={i[2]} ({string.Join(", ", columns)})");
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<object?[]>> RowsAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public void The_sql_server_model_has_quartz_own_sql_server_columns()
    {
        var expected = new List<string>();
        string? table = null;
        foreach (var line in QuartzScript("sqlServer").Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (CreateTable().Match(line) is { Success: true } create)
            {
                table = create.Groups[1].Value;
            }
            else if (table is not null && Column().Match(line) is { Success: true } column)
            {
                var nullable = !column.Groups[3].Value.Contains("NOT NULL", StringComparison.Ordinal);
                var defaultValue = DefaultValue().Match(column.Groups[3].Value) is { Success: true } d ? d.Groups[1].Value : "";
                expected.Add($"{table}.{column.Groups[1].Value} {column.Groups[2].Value} nullable={nullable} default={defaultValue}");
            }
            else if (table is not null && ForeignKey().Match(line) is { Success: true } fk)
            {
                expected.Add($"{table} {fk.Groups[1].Value} ({Spaced(fk.Groups[2].Value)}) -> {fk.Groups[3].Value} cascade={fk.Groups[4].Success}");
            }
            else if (Index().Match(line) is { Success: true } index)
            {
                expected.Add($"{index.Groups[2].Value} {index.Groups[1].Value} ({Spaced(index.Groups[3].Value.Replace(" ASC", "", StringComparison.Ordinal))})");
            }
            else if (line.StartsWith("  );", StringComparison.Ordinal))
            {
                table = null;
            }
        }

        using var db = DesignTime.Create<SqlServerPortalDbContext>("SqlServer", SqlServerDesignTimeFactory.ConnectionString);
        var actual = db.GetService<IDesignTimeModel>().Model.GetEntityTypes()
            .Where(e => e.GetTableName()!.StartsWith("QRTZ_", StringComparison.Ordinal))
            .SelectMany(e => e.GetProperties().Select(p =>
                    $"{e.GetTableName()}.{p.GetColumnName()} {p.GetColumnType()} nullable={p.IsNullable} default={Sql(p.FindAnnotation(RelationalAnnotationNames.DefaultValue)?.Value)}")
                .Concat(e.GetForeignKeys().Select(f =>
                    $"{e.GetTableName()} {f.GetConstraintName()} ({string.Join(", ", f.Properties.Select(p => p.GetColumnName()))}) -> {f.PrincipalEntityType.GetTableName()} cascade={f.DeleteBehavior == DeleteBehavior.Cascade}"))
                .Concat(e.GetIndexes().Select(i =>
                    $"{e.GetTableName()} {i.GetDatabaseName()} ({string.Join(", ", i.Properties.Select((p, n) => p.GetColumnName() + (i.IsDescending is { } d && d.Count > n && d[n] ? " DESC" : "")))})")))
            .ToList();
        expected.Sort(StringComparer.Ordinal);
        actual.Sort(StringComparer.Ordinal);
        Assert.True(expected.Count > 50, "the reference schema was read");
        Assert.True(expected.SequenceEqual(actual), Difference(expected, actual));
    }

    private static string Difference(List<string> expected, List<string> actual) =>
        $"Quartz has: {string.Join("; ", expected.Except(actual))}\nthe model has: {string.Join("; ", actual.Except(expected))}";

    private static string Spaced(string columns) => string.Join(", ", columns.Split(',', StringSplitOptions.TrimEntries));

    private static string Sql(object? value) => value switch
    {
        null => "",
        bool b => b ? "1" : "0",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    [GeneratedRegex(@"^\s*CREATE TABLE (QRTZ_\w+) \($")]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"^\s+([A-Z][A-Z0-9_]*) ([a-z]+(?:\([0-9a-z,]+\))?)(.*?),?$")]
    private static partial Regex Column();

    [GeneratedRegex(@"^\s*CONSTRAINT (FK_\w+) FOREIGN KEY \(([^)]*)\) REFERENCES (QRTZ_\w+) \([^)]*\)( ON DELETE CASCADE)?")]
    private static partial Regex ForeignKey();

    [GeneratedRegex(@"^\s*CREATE INDEX (IDX_\w+) ON (QRTZ_\w+)\((.*)\);")]
    private static partial Regex Index();

    [GeneratedRegex(@"DEFAULT (\S+)")]
    private static partial Regex DefaultValue();
}
