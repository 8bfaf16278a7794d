using System.Security.Cryptography;

namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>
/// The ids a form's command carries, derived from the form's command id. A form rendered once and sent twice (a double
/// click, the browser's back button and "send again") is then the same command with the same content, and the engine
/// replays the first result instead of applying it twice (the README: "set every id yourself").
/// </summary>
internal static class FormIds
{
    /// <summary>The id of the <paramref name="index"/>th new <paramref name="what"/> of the form with <paramref name="commandId"/>.</summary>
    public static Guid Derive(Guid commandId, string what, int index = 0)
    {
        Span<byte> input = stackalloc byte[16 + 4];
        commandId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], index);
        var hash = SHA256.HashData([.. input, .. System.Text.Encoding.UTF8.GetBytes(what)]);
        return new Guid(hash.AsSpan(0, 16));
    }

    public static T Derive<T>(Guid commandId, string what, int index = 0)
        where T : struct, ISipId<T>
        => T.From(Derive(commandId, what, index));
}
