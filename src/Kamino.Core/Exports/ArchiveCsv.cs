using System.Text;

namespace Kamino.Exports;

/// <summary>
/// The CSV of a workspace archive (RFC 4180): comma-separated, CRLF line ends, UTF-8 without a byte order mark. Unlike the
/// spreadsheet exports (<see cref="CsvExport"/>) nothing is neutralised: the archive is for programs, and a cell holds
/// exactly what was stored. An empty field that is not quoted is null; an empty text is written <c>""</c>.
/// </summary>
public static class ArchiveCsv
{
    /// <summary>The longest field the reader accepts (characters): far above any column of the model.</summary>
    public const int MaxFieldLength = 1 << 20;

    /// <summary>The most fields a record may have.</summary>
    public const int MaxFields = 512;

    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes one record.</summary>
    public static void WriteRecord(TextWriter w, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                w.Write(',');
            }

            var f = fields[i];
            if (f is null)
            {
                continue;
            }

            if (f.Length == 0 || f.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                w.Write('"');
                w.Write(f.Replace("\"", "\"\"", StringComparison.Ordinal));
                w.Write('"');
            }
            else
            {
                w.Write(f);
            }
        }

        w.Write("\r\n");
    }

    /// <summary>
    /// Reads the records of <paramref name="reader"/>: each a list of fields, null for an unquoted empty field. Throws
    /// <see cref="FormatException"/> on a malformed record (a quote inside an unquoted field, text after a closing quote,
    /// an unterminated quote) or one over the limits.
    /// </summary>
    public static IEnumerable<string?[]> Records(TextReader reader)
    {
        var fields = new List<string?>();
        var sb = new StringBuilder();
        var record = 1;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                yield break;
            }

            fields.Clear();
            while (true)
            {
                // At the start of a field.
                sb.Clear();
                var quoted = false;
                if (c == '"')
                {
                    quoted = true;
                    while (true)
                    {
                        c = reader.Read();
                        if (c < 0)
                        {
                            throw new FormatException($"record {record}: a quoted field does not end");
                        }

                        if (c == '"')
                        {
                            c = reader.Read();
                            if (c != '"')
                            {
                                break;
                            }
                        }

                        Append(sb, (char)c, record);
                    }
                }
                else
                {
                    while (c >= 0 && c != ',' && c != '\r' && c != '\n')
                    {
                        if (c == '"')
                        {
                            throw new FormatException($"record {record}: a quote inside an unquoted field");
                        }

                        Append(sb, (char)c, record);
                        c = reader.Read();
                    }
                }

                fields.Add(quoted || sb.Length > 0 ? sb.ToString() : null);
                if (fields.Count > MaxFields)
                {
                    throw new FormatException($"record {record}: more than {MaxFields} fields");
                }

                if (c == ',')
                {
                    c = reader.Read();
                    continue;
                }

                if (c == '\r')
                {
                    if (reader.Read() != '\n')
                    {
                        throw new FormatException($"record {record}: a carriage return not followed by a line feed");
                    }
                }
                else if (c >= 0 && c != '\n')
                {
                    throw new FormatException($"record {record}: text after a closing quote");
                }

                break;
            }

            yield return [.. fields];
            record++;
        }
    }

    private static void Append(StringBuilder sb, char c, int record)
    {
        if (sb.Length >= MaxFieldLength)
        {
            throw new FormatException($"record {record}: a field longer than {MaxFieldLength} characters");
        }

        sb.Append(c);
    }
}
