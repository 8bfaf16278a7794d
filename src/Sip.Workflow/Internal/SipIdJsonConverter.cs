using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sip.Workflow.Internal;

/// <summary>Writes a strongly typed id as its plain Guid string, so stored documents read like ordinary JSON.</summary>
internal sealed class SipIdJsonConverter<TId> : JsonConverter<TId>
    where TId : struct, ISipId<TId>
{
    public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => TId.From(reader.GetGuid());

    public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.Value);
}
