using GAssistant.Hub.Scoring;

namespace GAssistant.Hub.Tests.Scoring;

public sealed class CsvLeadTableTests
{
    [Fact]
    public void Placeholders_are_missing_numbers_are_numbers_and_outcome_words_are_read()
    {
        const string csv = "Source,Visits,Answer,Status,\r\n"
            + "Google,3,\"Yes, please\",WON,\r\n"
            + "Select,NA,?,lost,\r\n"
            + "-,2.5,null,Yes,\r\n"
            + "N/A,,Maybe,false,\r\n";

        var result = CsvLeadTable.Read(new StringReader(csv), "status", []);

        Assert.Equal([new ScoringColumn("Source", ColumnKind.Category), new ScoringColumn("Visits", ColumnKind.Number), new ScoringColumn("Answer", ColumnKind.Category)], result.Data.Columns);
        Assert.Equal([true, false, true, false], result.Data.Rows.Select(r => r.Won));
        Assert.Equal<string?>(["Google", "3", "Yes, please"], result.Data.Rows[0].Values.AsEnumerable());
        Assert.All(result.Data.Rows[1].Values, Assert.Null);
        Assert.Equal<string?>([null, "2.5", null], result.Data.Rows[2].Values.AsEnumerable());
    }

    [Fact]
    public void An_unknown_outcome_word_is_refused_with_the_record_named()
    {
        var error = Assert.Throws<CsvLeadTable.CsvLeadException>(() =>
            CsvLeadTable.Read(new StringReader("Source,Converted\nGoogle,1\nMeta,maybe\n"), "Converted", []));

        Assert.Contains("Record 3: 'maybe'", error.Message);
    }
}
