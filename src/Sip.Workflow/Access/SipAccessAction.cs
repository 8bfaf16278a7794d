using System.Text.Json.Serialization;

namespace Sip.Workflow;

/// <summary>What an actor asks to do, as the access rules see it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipAccessAction>))]
public enum SipAccessAction
{
    /// <summary>Read the case (<see cref="ISipWorkflow.ReadCaseAsync"/>).</summary>
    [JsonStringEnumMemberName("ReadCase")]
    ReadCase = 1,

    /// <summary>Read the case's history.</summary>
    [JsonStringEnumMemberName("ReadHistory")]
    ReadHistory = 2,

    /// <summary>Read the case to make a document of it (the plan document, a summons letter).</summary>
    [JsonStringEnumMemberName("ReadDocument")]
    ReadDocument = 3,

    /// <summary>Read the case to export it (FHIR, another system).</summary>
    [JsonStringEnumMemberName("Export")]
    Export = 4,

    /// <summary>See the case in a list (due work, a case query); lists are not logged per case.</summary>
    [JsonStringEnumMemberName("List")]
    List = 5,

    /// <summary>Open a case.</summary>
    [JsonStringEnumMemberName("Open")]
    Open = 6,

    /// <summary>Take an ordinary step on the case.</summary>
    [JsonStringEnumMemberName("Act")]
    Act = 7,

    /// <summary>Close the case (<see cref="CloseCase"/>, <see cref="CloseAndRestart"/>).</summary>
    [JsonStringEnumMemberName("Close")]
    Close = 8,

    /// <summary>Revise the plan (<see cref="RevisePlan"/>).</summary>
    [JsonStringEnumMemberName("Revise")]
    Revise = 9,

    /// <summary>Change the lead principal or the coordinator (<see cref="AssignLeadPrincipal"/>).</summary>
    [JsonStringEnumMemberName("ChangeLead")]
    ChangeLead = 10,

    /// <summary>Purge the closed case whose retention has passed (<i>gallring</i>, <see cref="SipWorkflow.PurgeCaseAsync"/>).</summary>
    [JsonStringEnumMemberName("Purge")]
    Purge = 11,

    /// <summary>
    /// A read by the host's own system functions, asked for by no person: the integrity checks and checkpoints, the list of
    /// cases due for gallring, and the event feed (<see cref="ISipWorkflow.VerifyHistoryAsync"/>, <see cref="ISipWorkflow.GetCheckpointAsync"/>,
    /// <see cref="ISipWorkflow.VerifyAgainstCheckpointAsync"/>, <see cref="ISipWorkflow.VerifyStoreAsync"/>,
    /// <see cref="ISipWorkflow.GetDueForGallringAsync"/>, <see cref="ISipWorkflow.ReadEventsAsync"/>). Asked with no actor and no case.
    /// </summary>
    [JsonStringEnumMemberName("SystemRead")]
    SystemRead = 12,
}
