namespace GAssistant.Hub.Operations;

/// <summary>
/// A query-string value reaches filters and database parameters as text: one no database can store
/// (a NUL, which PostgreSQL refuses, or a lone surrogate) is answered 400 naming the parameter, here,
/// once for every route and page, instead of failing deep inside a query.
/// </summary>
internal static class QueryTextCheck
{
    public static IApplicationBuilder UseQueryTextCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, values) in http.Request.Query)
        {
            var name = StrictJson.Problem(key) is null ? key : "query";
            foreach (var value in values)
            {
                if ((StrictJson.Problem(key) ?? StrictJson.Problem(value ?? "")) is { } problem)
                {
                    errors[name] = [$"The query parameter {problem}"];
                }
            }
        }

        if (errors.Count > 0)
        {
            await ApiProblems.Validation(errors, "The address has invalid characters.").ExecuteAsync(http);
            return;
        }

        await next(http);
    });
}
