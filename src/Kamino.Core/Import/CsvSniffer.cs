using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Kamino.Import;

/// <summary>The text encodings a CSV may be in, by the names <c>--encoding</c> takes.</summary>
public static class CsvEncodings
{
    public const string Utf8 = "utf-8";
    public const string Windows1252 = "windows-1252";
    public const string Latin1 = "iso-8859-1";

    /// <summary>Every name accepted, canonical first.</summary>
    public static readonly IReadOnlyList<string> Names = [Utf8, Windows1252, Latin1];

    /// <summary>Canonical name for <c>utf-8</c>/<c>utf8</c>, <c>windows-1252</c>/<c>cp1252</c>, <c>iso-8859-1</c>/<c>latin1</c>.</summary>
    public static string? Canonical(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => Utf8,
        "windows-1252" or "cp1252" => Windows1252,
        "iso-8859-1" or "latin1" or "latin-1" => Latin1,
        _ => null,
    };

    /// <summary>A decoder for a canonical name; UTF-8 throws on invalid bytes (files are validated first).</summary>
    public static Encoding Get(string canonicalName) => canonicalName switch
    {
        Utf8 => new UTF8Encoding(false, true),
        Windows1252 => Windows1252Encoding.Value,
        Latin1 => Encoding.Latin1,
        _ => throw new ArgumentOutOfRangeException(nameof(canonicalName), canonicalName, "unknown encoding"),
    };

    // .NET ships only UTF-8/16/32, ASCII and Latin-1 by default; the code pages provider adds Windows-1252.
    private static readonly Lazy<Encoding> Windows1252Encoding = new(() => CodePagesEncodingProvider.Instance.GetEncoding(1252)!);
}

/// <summary>
/// Tells the encoding of a file from its bytes, fed in chunks: a UTF-8 BOM or valid UTF-8 is UTF-8; otherwise
/// a single-byte encoding: Windows-1252 when a byte 0x80–0x9F appears (printable there, e.g. € “ ”, control
/// codes in ISO-8859-1), else ISO-8859-1 (the two agree on every other byte).
/// </summary>
public sealed class EncodingSniffer
{
    private readonly byte[] carry = new byte[4];
    private char[] scratch = [];
    private int carried;
    private bool started;
    private long lines = 1;

    public bool HasBom { get; private set; }

    /// <summary>Whether a byte sequence that is not UTF-8 was seen.</summary>
    public bool InvalidUtf8 { get; private set; }

    /// <summary>1-based line of the first byte that is not UTF-8, when <see cref="InvalidUtf8"/>.</summary>
    public long FirstInvalidLine { get; private set; }

    /// <summary>Whether a byte in 0x80–0x9F was seen.</summary>
    public bool SawC1 { get; private set; }

    /// <summary>The sniff stopped at its byte limit with UTF-8 so far: the verdict holds for those bytes only.</summary>
    public bool StoppedAtLimit { get; private set; }

    /// <summary>Nothing more can change the verdict.</summary>
    public bool Settled => InvalidUtf8 && SawC1;

    /// <summary>The verdict so far: <see cref="CsvEncodings"/> canonical name.</summary>
    public string Encoding => HasBom || !InvalidUtf8 ? CsvEncodings.Utf8 : SawC1 ? CsvEncodings.Windows1252 : CsvEncodings.Latin1;

    public void Feed(ReadOnlySpan<byte> chunk, bool final)
    {
        if (!started)
        {
            started = true;
            if (chunk.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                HasBom = true;
                chunk = chunk[3..];
            }
        }

        if (!SawC1 && chunk.IndexOfAnyInRange((byte)0x80, (byte)0x9F) >= 0)
        {
            SawC1 = true;
        }

        if (InvalidUtf8 || (carried == 0 && Ascii.IsValid(chunk)))
        {
            lines += InvalidUtf8 ? 0 : chunk.Count((byte)'\n');
            return;
        }

        var bytes = ArrayPool<byte>.Shared.Rent(carried + chunk.Length);
        try
        {
            carry.AsSpan(0, carried).CopyTo(bytes);
            chunk.CopyTo(bytes.AsSpan(carried));
            var source = bytes.AsSpan(0, carried + chunk.Length);
            if (scratch.Length < source.Length)
            {
                scratch = new char[source.Length];
            }

            var status = Utf8.ToUtf16(source, scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: final);
            carried = 0;
            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                InvalidUtf8 = true;
                FirstInvalidLine = lines + source[..read].Count((byte)'\n');
                return;
            }

            lines += source[..read].Count((byte)'\n');
            if (status == System.Buffers.OperationStatus.NeedMoreData)
            {
                source[read..].CopyTo(carry);
                carried = source.Length - read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// Sniffs a stream from its current position to its end, stopping once settled; with <paramref name="limit"/>
    /// it also stops after that many bytes if they were all UTF-8 (<see cref="StoppedAtLimit"/>: the rest is
    /// unchecked). Bytes that are not UTF-8 are always followed to the end, where Windows-1252 may still show.
    /// </summary>
    public static EncodingSniffer Sniff(Stream stream, long limit = long.MaxValue)
    {
        var sniffer = new EncodingSniffer();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long fed = 0;
            int n;
            while (!sniffer.Settled && (n = stream.Read(buffer, 0, 1 << 16)) > 0)
            {
                sniffer.Feed(buffer.AsSpan(0, n), final: false);
                fed += n;
                if (fed >= limit && !sniffer.InvalidUtf8)
                {
                    sniffer.StoppedAtLimit = true;
                    return sniffer;
                }
            }

            sniffer.Feed([], final: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return sniffer;
    }
}

/// <summary>Finds a CSV's delimiter from its first records.</summary>
public static class CsvDelimiters
{
    /// <summary>The delimiters tried, in order of preference on a tie.</summary>
    public static readonly IReadOnlyList<char> Candidates = [',', ';', '\t', '|'];

    /// <summary>How a delimiter is shown: the character, or <c>tab</c>.</summary>
    public static string Name(char delimiter) => delimiter == '\t' ? "tab" : delimiter.ToString();

    /// <summary>
    /// The candidate found in the header (outside quotes) that splits the most of the following records
    /// into as many fields as the header; on a tie, the one giving more columns, then the first candidate.
    /// Null when the header holds none of them. At most <paramref name="maxRecords"/> records are looked at.
    /// </summary>
    public static char? Detect(string sample, int maxRecords = 200)
    {
        var counts = new List<int[]>();
        var current = new int[Candidates.Count];
        var inQuotes = false;
        var any = false;
        foreach (var c in sample)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c == '\n')
            {
                if (any || counts.Count == 0)
                {
                    counts.Add(current);
                }

                current = new int[Candidates.Count];
                any = false;
                if (counts.Count >= maxRecords)
                {
                    break;
                }

                continue;
            }
            else if (!inQuotes)
            {
                var k = c switch { ',' => 0, ';' => 1, '\t' => 2, '|' => 3, _ => -1 };
                if (k >= 0)
                {
                    current[k]++;
                }
            }

            any |= c is not ('\r' or ' ');
        }

        if (any && counts.Count < maxRecords)
        {
            counts.Add(current);
        }

        if (counts.Count == 0)
        {
            return null;
        }

        var header = counts[0];
        char? best = null;
        (int Agreeing, int Columns) bestScore = (-1, -1);
        for (var k = 0; k < Candidates.Count; k++)
        {
            if (header[k] == 0)
            {
                continue;
            }

            var score = (counts.Skip(1).Count(r => r[k] == header[k]), header[k]);
            if (score.CompareTo(bestScore) > 0)
            {
                bestScore = score;
                best = Candidates[k];
            }
        }

        return best;
    }
}
