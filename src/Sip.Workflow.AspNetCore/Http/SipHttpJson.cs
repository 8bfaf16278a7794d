using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace Sip.Workflow.AspNetCore;

/// <summary>
/// The JSON the endpoints read and write: <see cref="JsonSerializerDefaults.Web"/> (camelCase), enums as their names,
/// ids as Guid strings. The endpoints use these options whatever the host's own JSON options say, so a client sees the
/// same shapes in every host.
/// </summary>
internal static class SipHttpJson
{
    /// <summary>Where a command's members that its body must not carry come from: identity, the route and the headers.</summary>
    private static readonly Dictionary<string, string> BoundElsewhere = new(StringComparer.Ordinal)
    {
        [nameof(SipCommand.Actor)] = "is the authenticated user: the host decides who acts, never the request body",
        [nameof(SipCommand.CommandId)] = "comes from the Idempotency-Key header",
        [nameof(SipCaseCommand.CaseId)] = "comes from the route (/cases/{caseId}/...)",
        [nameof(SipCaseCommand.ExpectedVersion)] = "comes from the If-Match header (the ETag of the case as read)",
    };

    /// <summary>The options; read-only.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // A misspelt member of a command would otherwise be dropped without a word and the step refused for a
            // requirement the caller believes they met; refuse it by name instead.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // Swedish text as it is ("vägledning", not "v\u00E4gledning"); HTML-sensitive characters are still escaped.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RefuseMembersBoundElsewhere } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new SubjectReferenceConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// Reads a body with <paramref name="read"/>; JSON that does not fit the type becomes the <see cref="ArgumentException"/>
    /// every bad input is, naming the member by its path (<c>consent.scope</c>) without echoing the value.
    /// </summary>
    public static T Read<T>(Func<T> read, string what)
    {
        try
        {
            return read();
        }
        catch (JsonException e)
        {
            var path = e.Path is ['$', '.', .. var member] ? member : "body";
            if (e.InnerException is ArgumentException refused)
            {
                // A value the library refused (a personal identity number in a reference): its reason, at its place.
                throw new ArgumentException(SipRefusalText.Of(refused), path, e);
            }

            throw new ArgumentException(
                $"The body is not a valid {what}: '{path}' could not be read. It is not a member of {what}, or its value is not of the member's type " +
                "(enums by name, ids as Guids, times as ISO 8601 with an offset).",
                path,
                e);
        }
    }

    /// <summary>The name of a command member as it appears in a body.</summary>
    public static string JsonName(string memberName) => JsonNamingPolicy.CamelCase.ConvertName(memberName);

    // The actor, the case, the command id and the expected version of a command are bound from the authenticated user,
    // the route and the headers. A body that carries one is refused (400) rather than silently overruled: a client that
    // believes it can act for someone else, or posts one case's command to another's address, learns so at once.
    private static void RefuseMembersBoundElsewhere(JsonTypeInfo type)
    {
        // A purge names its case and actor like a command does: from the route and the authenticated user.
        if (!type.Type.IsAssignableTo(typeof(SipCommand)) && type.Type != typeof(PurgeCase))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider is MemberInfo member && IsBoundElsewhere(member, out var source))
            {
                var name = property.Name;
                property.IsRequired = false;
                property.Set = (_, _) => throw new ArgumentException(
                    $"'{name}' is not part of a command's body: it {source}. Leave it out.", name);
            }
        }
    }

    /// <summary>Whether a member of a command (or a purge) is bound from identity, the route or a header, never the body.</summary>
    public static bool IsBoundElsewhere(MemberInfo member) => IsBoundElsewhere(member, out _);

    private static bool IsBoundElsewhere(MemberInfo member, out string source)
    {
        source = "";
        var declaredBy = member.DeclaringType;
        return (declaredBy == typeof(SipCommand) || declaredBy == typeof(SipCaseCommand) || declaredBy == typeof(PurgeCase))
            && BoundElsewhere.TryGetValue(member.Name, out source!);
    }

    /// <summary>
    /// The individual's reference as the plain string the host gave (<c>"reference": "patient-7f3a"</c>), checked by
    /// <see cref="SubjectReference"/>'s constructor (a personal identity number is refused there).
    /// </summary>
    private sealed class SubjectReferenceConverter : JsonConverter<SubjectReference>
    {
        public override SubjectReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("A subject reference is a string.");
            }

            try
            {
                return new SubjectReference(reader.GetString()!);
            }
            catch (ArgumentException e)
            {
                // Reported by its place in the body (individual.reference), which the serializer adds to the JsonException.
                throw new JsonException(SipRefusalText.Of(e), e);
            }
        }

        public override void Write(Utf8JsonWriter writer, SubjectReference value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.Value);
    }
}
