using System.Buffers;
using System.Text;

namespace Billing.Ingestion.Parsing;

/// <summary>
/// Describes why a line's bytes cannot be read as text: invalid UTF-8, or a JSON <c>\uXXXX</c>
/// escape that is half of a surrogate pair. Only called for a line already known to be bad, so
/// the scans here stay off the fast path.
/// </summary>
internal static class TextProblems
{
    /// <summary>"invalid UTF-8 at byte 42" (0-based offset of the first byte that does not decode), or null when the bytes are valid.</summary>
    public static string? InvalidUtf8(ReadOnlySpan<byte> bytes) =>
        FirstInvalidUtf8(bytes) is var at and >= 0 ? InvalidUtf8At(at) : null;

    /// <summary>The message for invalid UTF-8 at <paramref name="offset"/> (0-based, from the start of the line or event).</summary>
    public static string InvalidUtf8At(long offset) => $"invalid UTF-8 at byte {offset}";

    /// <summary>The offset of the first byte that does not decode as UTF-8, or -1.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed);
            if (status != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    /// <summary>
    /// "lone surrogate escape \ud800 at byte 17": the first <c>\uXXXX</c> escape of a surrogate
    /// that is not followed (high) or preceded (low) by its other half, which no UTF-8 or UTF-16
    /// text can hold. Null when there is none.
    /// </summary>
    public static string? LoneSurrogateEscape(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length - 1; i++)
        {
            if (bytes[i] != (byte)'\\')
            {
                continue;
            }

            if (bytes[i + 1] != (byte)'u' || !TryHex4(bytes, i + 2, out var unit))
            {
                i++; // an escaped character: "\\" must not start another escape
                continue;
            }

            if (char.IsLowSurrogate((char)unit))
            {
                return Describe(bytes, i);
            }

            if (char.IsHighSurrogate((char)unit))
            {
                var next = i + 6;
                if (next + 1 < bytes.Length && bytes[next] == (byte)'\\' && bytes[next + 1] == (byte)'u'
                    && TryHex4(bytes, next + 2, out var low) && char.IsLowSurrogate((char)low))
                {
                    i = next + 5;
                    continue;
                }

                return Describe(bytes, i);
            }

            i += 5;
        }

        return null;
    }

    private static string Describe(ReadOnlySpan<byte> bytes, int at) =>
        $"lone surrogate escape {Encoding.ASCII.GetString(bytes.Slice(at, 6))} at byte {at}";

    private static bool TryHex4(ReadOnlySpan<byte> bytes, int at, out int value)
    {
        value = 0;
        if (at + 4 > bytes.Length)
        {
            return false;
        }

        for (var k = 0; k < 4; k++)
        {
            var digit = HexValue(bytes[at + k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
