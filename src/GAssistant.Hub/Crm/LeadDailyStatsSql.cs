namespace GAssistant.Hub.Crm;

/// <summary>
/// The triggers that keep the two daily rollups (<see cref="Data.LeadDailyStat"/>, <see cref="Data.LeadDailyCampaignStat"/>)
/// equal to the leads table, and their backfill from existing leads, per provider; used by the migration that creates
/// them. A changed lead is subtracted from its old rows and added to its new ones; deleted leads count nowhere.
/// This is the SQL of migration <c>LeadDailyStats</c>: do not edit it for an existing database; a change to the rollups
/// needs a new migration (drop these triggers, create new ones, rebuild the tables).
/// </summary>
public static class LeadDailyStatsSql
{
    private const string Watched = "create_date, stage_name, source, campaign, currency, is_won, is_lost, active, expected_revenue, probability, deleted";

    /// <summary>A rollup: its table, key columns with the expression of each (over a lead row alias) and summed measures.</summary>
    private sealed record Rollup(string Table, (string Column, string Sqlite, string Postgres)[] Key, (string Column, string Sqlite, string Postgres)[] Sums)
    {
        public string Columns => string.Join(", ", Key.Select(k => k.Column).Concat(["leads"]).Concat(Sums.Select(s => s.Column)));

        public string KeyColumns => string.Join(", ", Key.Select(k => k.Column));
    }

    private static readonly (string, string, string) Day =
        ("day", "COALESCE(date({0}.create_date), '1900-01-01')", "COALESCE(({0}.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01')");

    private static readonly (string, string, string) Won = ("is_won", "{0}.is_won", "{0}.is_won");

    private static readonly (string, string, string) Open =
        ("is_open", "{0}.active AND NOT {0}.is_won AND NOT {0}.is_lost", "{0}.active AND NOT {0}.is_won AND NOT {0}.is_lost");

    private static readonly Rollup[] Rollups =
    [
        new("lead_daily_stats",
            [Day, Text("stage", "stage_name"), Text("source", "source"), Text("currency", "currency"), Won, Open],
            [("revenue", "{0}.expected_revenue", "{0}.expected_revenue"),
             ("revenue_times_probability", "{0}.expected_revenue * {0}.probability", "{0}.expected_revenue * {0}.probability::numeric"),
             ("probability_sum", "{0}.probability", "{0}.probability")]),
        new("lead_daily_campaign_stats",
            [Day, Text("campaign", "campaign"), Won, Open],
            [("revenue", "{0}.expected_revenue", "{0}.expected_revenue")]),
    ];

    private static (string, string, string) Text(string column, string source) => (column, $"COALESCE({{0}}.{source}, '')", $"COALESCE({{0}}.{source}, '')");

    private static string F(string template, string row) => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, row);

    private static string Add(Rollup r, bool postgres, string row)
    {
        var keys = r.Key.Select(k => F(postgres ? k.Postgres : k.Sqlite, row));
        var sums = r.Sums.Select(s => F(postgres ? s.Postgres : s.Sqlite, row));
        var prefix = postgres ? r.Table + "." : "";
        var updates = r.Sums.Select(s => $"{s.Column} = {prefix}{s.Column} + excluded.{s.Column}").Prepend($"leads = {prefix}leads + 1");
        return $"INSERT INTO {r.Table} ({r.Columns}) VALUES ({string.Join(", ", keys)}, 1, {string.Join(", ", sums)}) " +
            $"ON CONFLICT ({r.KeyColumns}) DO UPDATE SET {string.Join(", ", updates)};";
    }

    private static string Subtract(Rollup r, bool postgres, string row)
    {
        var keys = r.Key.Select(k => F(postgres ? k.Postgres : k.Sqlite, row));
        var updates = r.Sums.Select(s => $"{s.Column} = {s.Column} - {F(postgres ? s.Postgres : s.Sqlite, row)}").Prepend("leads = leads - 1");
        return $"UPDATE {r.Table} SET {string.Join(", ", updates)} WHERE ({r.KeyColumns}) = ({string.Join(", ", keys)});";
    }

    private static string Backfill(Rollup r, bool postgres)
    {
        var keys = r.Key.Select(k => F(postgres ? k.Postgres : k.Sqlite, "leads"));
        var sums = r.Sums.Select(s => $"SUM({F(postgres ? s.Postgres : s.Sqlite, "leads")})");
        var groups = string.Join(", ", Enumerable.Range(1, r.Key.Length));
        return $"INSERT INTO {r.Table} ({r.Columns}) SELECT {string.Join(", ", keys)}, COUNT(*), {string.Join(", ", sums)} " +
            $"FROM leads WHERE {(postgres ? "NOT leads.deleted" : "leads.deleted = 0")} GROUP BY {groups};";
    }

    public static string SqliteCreate => string.Join('\n',
        $"CREATE TRIGGER lead_daily_stats_insert AFTER INSERT ON leads WHEN NEW.deleted = 0 BEGIN {string.Concat(Rollups.Select(r => Add(r, false, "NEW")))} END;",
        $"CREATE TRIGGER lead_daily_stats_delete AFTER DELETE ON leads WHEN OLD.deleted = 0 BEGIN {string.Concat(Rollups.Select(r => Subtract(r, false, "OLD")))} END;",
        $"CREATE TRIGGER lead_daily_stats_update_old AFTER UPDATE OF {Watched} ON leads WHEN OLD.deleted = 0 BEGIN {string.Concat(Rollups.Select(r => Subtract(r, false, "OLD")))} END;",
        $"CREATE TRIGGER lead_daily_stats_update_new AFTER UPDATE OF {Watched} ON leads WHEN NEW.deleted = 0 BEGIN {string.Concat(Rollups.Select(r => Add(r, false, "NEW")))} END;",
        string.Concat(Rollups.Select(r => Backfill(r, false))));

    public const string SqliteDrop = """
        DROP TRIGGER IF EXISTS lead_daily_stats_insert;
        DROP TRIGGER IF EXISTS lead_daily_stats_delete;
        DROP TRIGGER IF EXISTS lead_daily_stats_update_old;
        DROP TRIGGER IF EXISTS lead_daily_stats_update_new;
        """;

    public static string PostgresCreate => $"""
        CREATE FUNCTION lead_daily_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD.deleted THEN
                {string.Join("\n        ", Rollups.Select(r => Subtract(r, true, "OLD")))}
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') AND NOT NEW.deleted THEN
                {string.Join("\n        ", Rollups.Select(r => Add(r, true, "NEW")))}
            END IF;
            RETURN NULL;
        END
        $fn$;
        CREATE TRIGGER lead_daily_stats_change AFTER INSERT OR DELETE OR UPDATE OF {Watched} ON leads
            FOR EACH ROW EXECUTE FUNCTION lead_daily_stats_apply();
        {string.Concat(Rollups.Select(r => Backfill(r, true)))}
        """;

    /// <summary>Fills the rollups from the leads already there (part of the create scripts; bulk loads with triggers off use it alone).</summary>
    public static string SqliteBackfill => string.Concat(Rollups.Select(r => Backfill(r, false)));

    public static string PostgresBackfill => string.Concat(Rollups.Select(r => Backfill(r, true)));

    public const string PostgresDrop = """
        DROP TRIGGER IF EXISTS lead_daily_stats_change ON leads;
        DROP FUNCTION IF EXISTS lead_daily_stats_apply();
        """;
}
