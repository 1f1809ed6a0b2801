using System.Globalization;
using System.Text;
using CsCheck;

namespace GAssistant.Hub.Tests.Operations;

/// <summary>
/// Generators of what an outsider sends: text no database stores (lone surrogates, NUL), markup, huge strings,
/// extreme numbers and dates, wrong JSON types, deep nesting, truncated and trailing bytes, invalid UTF-8.
/// JSON is written by hand so a lone surrogate can be sent escaped, as a hostile sender would.
/// </summary>
public static class HostileGen
{
    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.OneOf("", " ", "\ud800", "a\udfffb", "\udc00\ud800", "\0", "x\u0000y", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
            "=HYPERLINK(\"http://x\")", "9999-12-31", "0001-01-01", "9999-12-31T23:59:59Z", "2024-02-30", "1e400", "-1", "NaN", "null", "مؤهل",
            "\u202Eevil", "lead_updated", "crm.lead", "sale.order", "leadgen", "daily", "ar", "score", "campaign", "2026-11-01", "2026-11-01T00:00:00Z")),
        (3, Gen.Char.Array[0, 24].Select(chars => new string(chars))),
        (1, Gen.Int[257, 70_000].Select(n => new string('x', n))));

    public static readonly Gen<string> Number = Gen.OneOf(
        Gen.OneOf("0", "-0", "1", "-1", "75", "100", "101", "1e400", "-1e308", "1e-400", "1e20", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "0.000000000000000000000000000001", "1E+2", "123.456", "253402300800", "1502121230"),
        Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Any JSON value, valid or not quite (NaN, a bare word, deep nesting).</summary>
    public static readonly Gen<string> Value = Gen.Frequency(
        (5, Text.Select(Quote)),
        (3, Number),
        (2, Gen.OneOf("true", "false", "null", "[]", "{}", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}", "NaN", "Infinity", "undefined", "'x'")),
        (1, Gen.Int[60, 200].Select(depth => new string('[', depth) + new string(']', depth))));

    /// <summary>A body built from a template: some fields replaced by hostile values, some dropped, then maybe corrupted.</summary>
    public static Gen<string> Body(Func<Dictionary<string, string>> template) => Body(Gen.Const(0L), _ => template());

    /// <summary>As <see cref="Body(Func{Dictionary{string, string}})"/>, the template taking a generated id (so a replayed seed makes the same body).</summary>
    public static Gen<string> Body(Gen<long> ids, Func<long, Dictionary<string, string>> template) =>
        Gen.Select(ids, Gen.Int[0, 4], Gen.Int[0, 1_000_000].Array[4], Value.Array[4], Gen.Int[0, 9], Gen.Int[0, 100_000], (id, edits, picks, values, corruption, cut) =>
        {
            var fields = template(id);
            var keys = fields.Keys.ToList();
            for (var i = 0; i < edits && keys.Count > 0; i++)
            {
                var key = keys[picks[i] % keys.Count];
                if (picks[i] % 7 == 0)
                {
                    fields.Remove(key);
                    keys.Remove(key);
                }
                else
                {
                    fields[key] = values[i];
                }
            }

            var json = "{" + string.Join(", ", fields.Select(f => $"{Quote(f.Key)}: {f.Value}")) + "}";
            return corruption switch
            {
                0 => json[..(cut % (json.Length + 1))],
                1 => json + (cut % 3 == 0 ? " {}" : cut % 3 == 1 ? "x" : "\u0000"),
                2 => cut % 2 == 0 ? "[" + json + "]" : Value.Single(),
                _ => json,
            };
        });

    /// <summary>Bytes of a body, sometimes with invalid UTF-8 spliced in.</summary>
    public static Gen<byte[]> Bytes(Gen<string> body) => Gen.Select(body, Gen.Int[0, 9], Gen.Int[0, 1000], (text, invalid, at) =>
    {
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        if (invalid == 0)
        {
            bytes.InsertRange(at % (bytes.Count + 1), new byte[][] { [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80] }[at % 3]);
        }

        return bytes.ToArray();
    });

    /// <summary>A query string of the given names (plus a stray one), values percent-encoded byte by byte, invalid UTF-8 included.</summary>
    public static Gen<string> Query(string[] names) =>
        Gen.Select(Gen.Int[0, names.Length + 1], Gen.Int[0, 1000].Array[4], Text.Array[4], Gen.Byte.Array[0, 6], (count, picks, values, raw) =>
        {
            var pairs = new List<string>();
            for (var i = 0; i < Math.Min(count, 4); i++)
            {
                var name = i == names.Length || names.Length == 0 ? "x" : names[picks[i] % names.Length];
                pairs.Add($"{Encode(Encoding.UTF8.GetBytes(name))}={Encode(EncodeLoosely(values[i]))}");
            }

            if (raw.Length > 0)
            {
                pairs.Add($"{(names.Length > 0 ? names[picks[0] % names.Length] : "x")}={Encode(raw)}");
            }

            return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
        });

    public static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\' || c < 0x20 || char.IsSurrogate(c))
            {
                json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                json.Append(c);
            }
        }

        return json.Append('"').ToString();
    }

    /// <summary>UTF-8 with lone surrogates written as WTF-8 (ED A0 80…), which no decoder accepts.</summary>
    private static byte[] EncodeLoosely(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < Math.Min(text.Length, 2000); i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])))
            {
                bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            }
            else if (char.IsHighSurrogate(c))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i++, 2)));
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return bytes.ToArray();
    }

    private static string Encode(byte[] bytes) => string.Concat(bytes.Select(b => char.IsAsciiLetterOrDigit((char)b) ? ((char)b).ToString() : $"%{b:X2}"));
}
