using System.ComponentModel.DataAnnotations;
using System.Reflection;
using GAssistant.Hub.Health;
using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Tests.Operations;

/// <summary>
/// A configuration reload validates the options again on the reloading thread while requests validate them on theirs:
/// <see cref="RangeAttribute"/> over <see cref="TimeSpan"/> then threw "Unable to cast TimeSpan to String" once in CI
/// (dotnet/runtime#1143), and the hub's page answered with an error.
/// </summary>
public sealed class TimeSpanRangeTests
{
    [Fact]
    public void No_option_of_the_hub_bounds_a_time_span_with_the_racy_RangeAttribute()
    {
        var racy = typeof(HealthOptions).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.GetCustomAttributes<RangeAttribute>().Any(r => r.OperandType == typeof(TimeSpan)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(racy);
        Assert.NotNull(typeof(HealthOptions).GetProperty(nameof(HealthOptions.CheckInterval))!.GetCustomAttribute<TimeSpanRangeAttribute>());
    }

    [Fact]
    public async Task Many_threads_validating_a_new_bound_at_once_all_get_the_right_answer()
    {
        const int threads = 8;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        for (var round = 0; round < 200; round++)
        {
            var range = new TimeSpanRangeAttribute("00:00:01", "1.00:00:00");
            using var barrier = new Barrier(threads);
            var workers = Enumerable.Range(0, threads).Select(i => Task.Factory.StartNew(() =>
            {
                barrier.SignalAndWait();
                var inside = range.IsValid(TimeSpan.FromMinutes(15));
                var outside = range.IsValid(i % 2 == 0 ? TimeSpan.Zero : TimeSpan.FromDays(2));
                if (!inside || outside)
                {
                    failures.Add($"round {round}, thread {i}: inside {inside}, outside {outside}");
                }
            }, TaskCreationOptions.LongRunning)).ToArray();
            await Task.WhenAll(workers);
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void A_value_out_of_bounds_names_the_setting_and_both_bounds()
    {
        var options = new HealthOptions { CheckInterval = TimeSpan.Zero };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        var message = Assert.Single(results).ErrorMessage;
        Assert.Equal("The field CheckInterval must be between 00:00:01 and 1.00:00:00.", message);
    }

    [Theory]
    [InlineData("soon", "01:00:00")]
    [InlineData("02:00:00", "01:00:00")]
    public void A_bound_that_is_not_a_time_span_or_is_upside_down_is_refused_where_it_is_written(string minimum, string maximum) =>
        Assert.ThrowsAny<Exception>(() => new TimeSpanRangeAttribute(minimum, maximum));
}
