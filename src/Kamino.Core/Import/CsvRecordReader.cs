using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Kamino.Import;

/// <summary>What <see cref="CsvRecordReader.Next"/> found.</summary>
internal enum CsvRecordStatus
{
    /// <summary>A record: its fields are readable until the next call.</summary>
    Record,

    /// <summary>The input ended.</summary>
    End,

    /// <summary>A physical line is longer than the reader's line limit (<see cref="CsvRecordReader.LongLine"/> is its number); nothing more can be read.</summary>
    LineTooLong,

    /// <summary>A record (a quote left open over many lines) is longer than the record limit; nothing more can be read.</summary>
    RecordTooLong,

    /// <summary>The record's bytes are not UTF-8 (only when asked to check them).</summary>
    NotUtf8,
}

/// <summary>
/// Splits delimited bytes into records and fields: RFC 4180 quotes (a field that starts with <c>"</c> runs to the
/// next lone <c>"</c>, <c>""</c> inside stands for one; bytes after the closing quote are kept as text), LF or CRLF
/// line ends, line breaks inside quotes. The delimiter and the line ends are ASCII, so the bytes are split before
/// any decoding and only the fields a caller asks for are decoded (UTF-8, Windows-1252 or ISO-8859-1). Bounded: a
/// physical line past <c>maxLineBytes</c> or a record past <c>maxRecordBytes</c> stops the read (the buffer never
/// grows beyond the record limit). Used by the import (<see cref="CsvSalesReader"/>) and by <c>kamino analyze</c>.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private const int FirstBuffer = 1 << 16;

    private readonly Stream stream;
    private readonly Encoding encoding;
    private readonly bool singleByte;
    private readonly byte delimiter;
    private readonly long maxLineBytes;
    private readonly int maxRecordBytes;
    private readonly bool checkUtf8;
    private readonly long endPosition;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(FirstBuffer);
    private char[] chars = new char[1024];
    private int charsUsed;
    private int filled;
    private int start;
    private bool eof;
    private long streamRead;
    private int[] fieldStarts = new int[16];
    private int[] fieldEnds = new int[16];
    private bool[] fieldQuoted = new bool[16];
    private int nextLine;
    private int consumed;

    /// <param name="stream">The bytes, positioned at the first record (past any byte order mark).</param>
    /// <param name="firstLine">The physical line number of the first record.</param>
    /// <param name="length">Bytes to read at most (a part of a file); <see cref="long.MaxValue"/> for all.</param>
    /// <param name="checkUtf8">Refuse a record whose bytes are not UTF-8 (<see cref="CsvRecordStatus.NotUtf8"/>).</param>
    public CsvRecordReader(Stream stream, Encoding encoding, char delimiter, int firstLine, long maxLineBytes, int maxRecordBytes, long length = long.MaxValue, bool checkUtf8 = false)
    {
        this.stream = stream;
        this.encoding = encoding;
        singleByte = encoding.IsSingleByte;
        this.delimiter = (byte)delimiter;
        this.maxLineBytes = maxLineBytes;
        this.maxRecordBytes = maxRecordBytes;
        this.checkUtf8 = checkUtf8;
        endPosition = length;
        nextLine = firstLine;
    }

    /// <summary>Fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Physical line the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>Physical lines the current record covers (more than 1 when a quoted field holds line breaks).</summary>
    public int Lines { get; private set; }

    /// <summary>The current record's bytes, without its line end.</summary>
    public int RecordBytes { get; private set; }

    /// <summary>The physical line the next record starts on (after <see cref="CsvRecordStatus.RecordTooLong"/>: the line of the record too long).</summary>
    public int NextLine => nextLine;

    /// <summary>Bytes of the stream before the next record.</summary>
    public long NextOffset => streamRead - filled + start + consumed;

    /// <summary>After <see cref="CsvRecordStatus.LineTooLong"/>: the line that is too long.</summary>
    public int LongLine { get; private set; }

    /// <summary>The current record's characters (its bytes decoded), as a limit on characters counts them.</summary>
    public int RecordChars()
    {
        var raw = buffer.AsSpan(start, RecordBytes);
        return singleByte || Ascii.IsValid(raw) ? raw.Length : encoding.GetCharCount(raw);
    }

    /// <summary>
    /// Reads the next record. After a record found malformed, <see cref="Resume"/> makes the next one start on the
    /// line after its first (a quote left open swallows the lines below it, which are then read again).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CsvRecordStatus Next()
    {
        start += consumed;
        consumed = 0;
        charsUsed = 0;
        while (true)
        {
            var status = Split();
            if (status != null)
            {
                return status.Value;
            }

            Fill();
        }
    }

    /// <summary>Drops the current record after its first physical line: the next record starts on the line below it.</summary>
    public void Resume()
    {
        consumed = buffer.AsSpan(start, consumed).IndexOf((byte)'\n') + 1;
        nextLine = Line + 1;
    }

    /// <summary>
    /// The current record as it is in the file, decoded (for the rejects file of an import that keeps the valid rows);
    /// with <paramref name="firstLineOnly"/> only its first physical line.
    /// </summary>
    public string RecordText(bool firstLineOnly)
    {
        var raw = buffer.AsSpan(start, RecordBytes);
        if (firstLineOnly && raw.IndexOf((byte)'\n') is var end and >= 0)
        {
            raw = raw[..end];
        }

        return encoding.GetString(raw.TrimEnd((byte)'\r'));
    }

    /// <summary>A field's raw bytes (inside its quotes when quoted, with doubled quotes as they are).</summary>
    public ReadOnlySpan<byte> Raw(int field) => buffer.AsSpan(fieldStarts[field], fieldEnds[field] - fieldStarts[field]);

    /// <summary>
    /// A field's text, decoded and unescaped (not trimmed). Valid until the next <see cref="Next"/>; the texts of
    /// several fields of a record can be held at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<char> Text(int field)
    {
        var raw = Raw(field);
        var need = charsUsed + raw.Length;
        if (need > chars.Length)
        {
            // Texts already handed out keep pointing at the old array, which stays alive while they are used.
            Array.Resize(ref chars, Math.Max(need, chars.Length * 2));
        }

        var target = chars.AsSpan(charsUsed);
        int n;
        if (Ascii.IsValid(raw))
        {
            Ascii.ToUtf16(raw, target, out n);
        }
        else
        {
            n = encoding.GetChars(raw, target);
        }

        var text = target[..n];
        if (fieldQuoted[field] && text.Contains('"'))
        {
            var w = 0;
            for (var r = 0; r < text.Length; r++)
            {
                if (text[r] != '"')
                {
                    text[w++] = text[r];
                }
                else if (r + 1 < text.Length && text[r + 1] == '"')
                {
                    text[w++] = '"'; // "" stands for a quote
                    r++;
                }

                // A lone quote is the closing one: text after it is kept, the quote is not.
            }

            text = text[..w];
        }

        charsUsed += text.Length;
        return text;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
        stream.Dispose();
    }

    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
            start = 0;
        }

        if (filled == buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxRecordBytes + 2));
            buffer.AsSpan(0, filled).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }

        var want = (int)Math.Min(buffer.Length - filled, endPosition - streamRead);
        var n = want > 0 ? stream.Read(buffer, filled, want) : 0;
        streamRead += n;
        filled += n;
        eof = n == 0;
    }

    /// <summary>Splits one record starting at <see cref="start"/>; null when the buffer ends first (read more).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CsvRecordStatus? Split()
    {
        var data = buffer.AsSpan(0, filled);
        if (start >= filled)
        {
            return eof ? CsvRecordStatus.End : null;
        }

        var i = start;
        var field = 0;
        var lines = 1;
        var lineStart = start;
        while (true)
        {
            if (field == fieldStarts.Length)
            {
                Array.Resize(ref fieldStarts, field * 2);
                Array.Resize(ref fieldEnds, field * 2);
                Array.Resize(ref fieldQuoted, field * 2);
            }

            if (i >= filled && !eof)
            {
                return TooLong(lineStart, filled, lines);
            }

            var quoted = i < filled && data[i] == (byte)'"';
            fieldQuoted[field] = quoted;
            fieldStarts[field] = quoted ? i + 1 : i;
            if (quoted)
            {
                // To the closing quote (a lone one: "" stands for a quote), across line breaks.
                var j = i + 1;
                while (true)
                {
                    var q = data[j..].IndexOfAny((byte)'"', (byte)'\n');
                    if (q < 0)
                    {
                        if (!eof)
                        {
                            return TooLong(lineStart, filled, lines);
                        }

                        j = filled; // never closed: the field runs to the end of the input
                        break;
                    }

                    j += q;
                    if (data[j] == (byte)'\n')
                    {
                        if (TooLong(lineStart, j, lines) is { } tooLong)
                        {
                            return tooLong;
                        }

                        lines++;
                        lineStart = ++j;
                        continue;
                    }

                    if (j + 1 >= filled && !eof)
                    {
                        return TooLong(lineStart, filled, lines); // "" or a closing quote: not known yet
                    }

                    if (j + 1 < filled && data[j + 1] == (byte)'"')
                    {
                        j += 2;
                        continue;
                    }

                    j++;
                    break;
                }

                i = j;
            }

            // Up to the delimiter or the line end; a quote here is text (after a closing quote too).
            var k = data[i..].IndexOfAny(delimiter, (byte)'\n');
            if (k < 0 && !eof)
            {
                return TooLong(lineStart, filled, lines);
            }

            i = k < 0 ? filled : i + k;
            fieldEnds[field] = i;
            field++;
            if (i < filled && data[i] == delimiter)
            {
                i++;
                continue;
            }

            if (TooLong(lineStart, i, lines) is { } tooLongLine)
            {
                return tooLongLine;
            }

            // CRLF: the CR belongs to the line end, not to the last field.
            var recordEnd = i;
            if (i > start && data[i - 1] == (byte)'\r' && i - 1 >= fieldStarts[field - 1])
            {
                recordEnd = i - 1;
                fieldEnds[field - 1] = recordEnd;
            }

            if (checkUtf8 && !Utf8.IsValid(data[start..recordEnd]))
            {
                return CsvRecordStatus.NotUtf8;
            }

            FieldCount = field;
            Line = nextLine;
            Lines = lines;
            nextLine += lines;
            RecordBytes = recordEnd - start;
            consumed = (i < filled ? i + 1 : i) - start;
            return CsvRecordStatus.Record;
        }
    }

    private CsvRecordStatus? TooLong(int lineStart, int at, int lines)
    {
        if (at - lineStart > maxLineBytes)
        {
            LongLine = nextLine + lines - 1;
            return CsvRecordStatus.LineTooLong;
        }

        return at - start > maxRecordBytes ? CsvRecordStatus.RecordTooLong : null;
    }
}
