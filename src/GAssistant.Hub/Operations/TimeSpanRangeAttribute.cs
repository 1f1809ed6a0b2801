using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace GAssistant.Hub.Operations;

/// <summary>
/// <c>[Range(typeof(TimeSpan), min, max)]</c> without its race: <see cref="RangeAttribute"/> converts its string bounds
/// on first use without a lock, so two threads validating options at once (a configuration reload while a request
/// reads the options) can see the converter set but the bounds still strings and throw an
/// <see cref="InvalidCastException"/> (dotnet/runtime#1143). This one parses its bounds once, in its constructor, and
/// never changes after.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    public TimeSpanRangeAttribute(string minimum, string maximum)
        : base("The field {0} must be between {1} and {2}.")
    {
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
        if (Minimum > Maximum)
        {
            throw new ArgumentException($"The minimum {minimum} is above the maximum {maximum}.", nameof(minimum));
        }
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    /// <summary>No value is valid (as with <see cref="RangeAttribute"/>: <see cref="RequiredAttribute"/> says otherwise).</summary>
    public override bool IsValid(object? value) =>
        value switch
        {
            null => true,
            TimeSpan span => span >= Minimum && span <= Maximum,
            _ => false,
        };

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name,
            Minimum.ToString("c", CultureInfo.InvariantCulture), Maximum.ToString("c", CultureInfo.InvariantCulture));
}
