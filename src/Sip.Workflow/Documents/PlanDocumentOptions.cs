using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>Who a rendered plan document is for: the wording and what it shows follow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanDocumentAudience>))]
public enum PlanDocumentAudience
{
    /// <summary>The individual (<i>den enskilde</i>): plain language, addressed to "you" ("Det här är viktigt för dig").</summary>
    [JsonStringEnumMemberName("Individual")]
    Individual = 1,

    /// <summary>The participants (<i>deltagarna</i>): the plan as the parties work from it.</summary>
    [JsonStringEnumMemberName("Participants")]
    Participants = 2,

    /// <summary>The archive: the plan and where it stands in the record — case, version, history head, who has a copy.</summary>
    [JsonStringEnumMemberName("Archive")]
    Archive = 3,
}

/// <summary>
/// What the host adds to a rendered plan document (<see cref="SipPlanDocument.Render"/>). The library stores no name for
/// the individual: the host passes the display name it shows in its own record.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record PlanDocumentOptions
{
    /// <summary>The name the document shows for the individual, as the host's record has it; never a personal identity number.</summary>
    /// <value>The default is none: the document then says "den enskilde" / "the individual".</value>
    /// <exception cref="ArgumentException">The value is blank, too long (200 characters), holds control or invisible characters, or is shaped like a personal identity number.</exception>
    public string? IndividualDisplayName
    {
        get;
        init => field = Check.OptionalName(value, nameof(IndividualDisplayName));
    }

    /// <summary>Shows no personal data, so the value cannot leak a name into a log through formatting.</summary>
    public override string ToString() => $"PlanDocumentOptions (name given: {IndividualDisplayName is not null})";
}
