using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// A domain as Odoo stores it in a text field (<c>crm.team.member.assignment_domain</c>: a Python literal such as
/// <c>[('country_id', '=', 194), '|', ('tag_ids', 'in', [1, 2])]</c>) read into the JSON array the external API takes.
/// Only literals: lists, tuples, quoted strings, numbers, <c>True</c>/<c>False</c>/<c>None</c>; anything else (a name,
/// a call such as <c>context_today()</c>) is not a domain the hub can send, and is answered null. Pure.
/// </summary>
public static class OdooDomainText
{
    public static JsonArray? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        if (!text.TrimStart().StartsWith('['))
        {
            return null;
        }

        var reader = new Reader(text);
        try
        {
            var value = reader.Value();
            reader.SkipSpace();
            return reader.AtEnd && value is JsonArray domain ? domain : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed class Reader(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        public JsonNode? Value()
        {
            SkipSpace();
            if (AtEnd)
            {
                throw new FormatException("The domain ends too early.");
            }

            var c = text[_at];
            return c switch
            {
                '[' => Sequence(']'),
                '(' => Sequence(')'),
                '\'' or '"' => JsonValue.Create(Quoted(c)),
                _ when c == '-' || char.IsAsciiDigit(c) => Number(),
                _ => Word(),
            };
        }

        private JsonArray Sequence(char close)
        {
            _at++;
            var items = new JsonArray();
            while (true)
            {
                SkipSpace();
                if (!AtEnd && text[_at] == close)
                {
                    _at++;
                    return items;
                }

                items.Add(Value());
                SkipSpace();
                if (!AtEnd && text[_at] == ',')
                {
                    _at++;
                }
                else if (AtEnd || text[_at] != close)
                {
                    throw new FormatException("A list is not closed.");
                }
            }
        }

        private string Quoted(char quote)
        {
            _at++;
            var value = new StringBuilder();
            while (!AtEnd && text[_at] != quote)
            {
                if (text[_at] == '\\' && _at + 1 < text.Length)
                {
                    _at++;
                    value.Append(text[_at] switch { 'n' => '\n', 't' => '\t', var other => other });
                }
                else
                {
                    value.Append(text[_at]);
                }

                _at++;
            }

            if (AtEnd)
            {
                throw new FormatException("A string is not closed.");
            }

            _at++;
            return value.ToString();
        }

        private JsonValue Number()
        {
            var start = _at;
            _at++;
            while (!AtEnd && (char.IsAsciiDigit(text[_at]) || text[_at] is '.' or 'e' or 'E' or '+' or '-'))
            {
                _at++;
            }

            var token = text[start.._at];
            if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            {
                return JsonValue.Create(whole);
            }

            return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                ? JsonValue.Create(real)
                : throw new FormatException($"{token} is not a number.");
        }

        private JsonValue? Word()
        {
            var start = _at;
            while (!AtEnd && char.IsAsciiLetterOrDigit(text[_at]) || (!AtEnd && text[_at] == '_'))
            {
                _at++;
            }

            return text[start.._at] switch
            {
                "True" => JsonValue.Create(true),
                "False" => JsonValue.Create(false),
                "None" => null,
                var other => throw new FormatException($"{other} is not a literal."),
            };
        }
    }
}
