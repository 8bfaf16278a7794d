using System.Text;

namespace Sip.Workflow.Internal;

/// <summary>
/// Whether two texts have the same key form — trimmed, in invariant upper case, as the access keys write them
/// (<see cref="Storage.SipCaseAccessKeys"/>) — without making the key forms: the rules compare units and users on every
/// command, and the keys must match exactly when these comparisons do.
/// </summary>
internal static class SipKeyText
{
    public static bool Same(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.Trim();
        b = b.Trim();

        // The same text, as a unit or user mostly is when it matches, is the same key without case mapping.
        if (a.SequenceEqual(b))
        {
            return true;
        }

        while (!a.IsEmpty && !b.IsEmpty)
        {
            // Code point by code point, as string.ToUpperInvariant maps them; a lone surrogate stays itself there and here.
            if (Rune.DecodeFromUtf16(a, out var ra, out var na) != System.Buffers.OperationStatus.Done
                || Rune.DecodeFromUtf16(b, out var rb, out var nb) != System.Buffers.OperationStatus.Done)
            {
                if (a[0] != b[0])
                {
                    return false;
                }

                a = a[1..];
                b = b[1..];
                continue;
            }

            if (Rune.ToUpperInvariant(ra) != Rune.ToUpperInvariant(rb))
            {
                return false;
            }

            a = a[na..];
            b = b[nb..];
        }

        return a.IsEmpty && b.IsEmpty;
    }
}
