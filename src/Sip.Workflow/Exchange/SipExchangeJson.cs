using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sip.Workflow.Exchange;

/// <summary>
/// The JSON form of <see cref="SipExchangeMessage"/>: <c>{"schema":"sip-exchange/1","message":{…}}</c>, camelCase members,
/// enums by name, ids as Guid strings, members without a value left out. <c>docs/exchange.md</c> documents every member.
/// </summary>
/// <remarks>
/// <para>The schema names the contract's version. A receiver refuses a schema it does not know, and within a version
/// refuses a member it does not know, so that nothing a newer sender meant is silently dropped: a change a receiver could
/// not ignore gets a new version.</para>
/// <para>Reading is the host-input path: every value is checked as a command's input is (lengths, characters, ranges).</para>
/// </remarks>
public static class SipExchangeJson
{
    /// <summary>The contract version this library writes and reads.</summary>
    public const string Schema = "sip-exchange/1";

    /// <summary>The media type for the JSON form, for a transport that labels its content.</summary>
    public const string MediaType = "application/vnd.sip-exchange+json";

    private static readonly SipExchangeJsonContext Context = new(new JsonSerializerOptions(SipExchangeJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Writes a message in its JSON form.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The message does not carry exactly the payload its kind names.</exception>
    public static string Serialize(SipExchangeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validated(nameof(message));
        return JsonSerializer.Serialize(new Envelope(Schema, message), Context.Envelope);
    }

    /// <summary>Reads a message from its JSON form, checking every value as host input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipExchangeRefusedException">
    /// The text is not a message of a schema this library knows (<see cref="SipExchangeRefusal.UnsupportedSchema"/>), or not a
    /// valid one (<see cref="SipExchangeRefusal.Malformed"/>): the message says where, never what the value was.
    /// </exception>
    public static SipExchangeMessage Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        string? schema;
        try
        {
            using var document = JsonDocument.Parse(json);
            schema = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()
                : null;
        }
        catch (JsonException e)
        {
            throw new SipExchangeRefusedException(SipExchangeRefusal.Malformed, "The exchange message is not JSON: " + Where(e), e);
        }

        if (schema is null)
        {
            throw new SipExchangeRefusedException(SipExchangeRefusal.Malformed, $"The exchange message has no 'schema'; this library reads '{Schema}'.");
        }

        if (!string.Equals(schema, Schema, StringComparison.Ordinal))
        {
            throw new SipExchangeRefusedException(SipExchangeRefusal.UnsupportedSchema,
                $"The exchange message has schema '{Shown(schema)}'; this library reads '{Schema}' only. Nothing was applied; the sender's newer or older contract needs a matching Sip.Workflow.");
        }

        try
        {
            var envelope = JsonSerializer.Deserialize(json, Context.Envelope);
            return (envelope?.Message ?? throw new JsonException("'message' is missing.")).Validated("message");
        }
        catch (JsonException e)
        {
            throw new SipExchangeRefusedException(SipExchangeRefusal.Malformed, "The exchange message is not valid: " + Where(e), e);
        }
        catch (ArgumentException e)
        {
            throw new SipExchangeRefusedException(SipExchangeRefusal.Malformed,
                $"The exchange message is not valid: {SipRefusalText.Of(e)}{(e.ParamName is { } p ? $" ({p})" : string.Empty)}", e);
        }
    }

    // The serializer's message names the path and position; the first line is enough, and carries no value.
    private static string Where(JsonException e) => e.Path is { } path ? $"{FirstLine(e.Message)} (at {path})" : FirstLine(e.Message);

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();

    // A schema is a short code, shown to say what was refused; anything longer or odd is cut, never echoed whole.
    private static string Shown(string schema) => schema.Length <= 40 && schema.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.') ? schema : "(unreadable)";

    internal sealed record Envelope(string Schema, SipExchangeMessage Message);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SipExchangeJson.Envelope))]
[JsonSerializable(typeof(SipPlan))]
internal sealed partial class SipExchangeJsonContext : JsonSerializerContext;
