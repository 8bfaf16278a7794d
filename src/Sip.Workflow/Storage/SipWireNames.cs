using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Sip.Workflow.Storage;

/// <summary>
/// The names enum values have in stored documents and in the audit hash: pinned with
/// <see cref="JsonStringEnumMemberNameAttribute"/> on each member, so renaming a C# member never changes what was stored
/// or breaks the verification of a history written before the rename.
/// </summary>
internal static class SipWireNames
{
    public static string Of<T>(T value)
        where T : struct, Enum
        => Cache<T>.Names.TryGetValue(value, out var name) ? name : value.ToString();

    private static class Cache<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> Names = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);
    }
}
