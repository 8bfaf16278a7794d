using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sip.Workflow.Internal;

/// <summary>
/// The fingerprint of a command's content, recorded on its event (<see cref="SipEvent.CommandFingerprint"/>) so that a
/// command id names one command: a second command under the same id with any other value is refused, not replayed.
/// </summary>
/// <remarks>
/// The fingerprint is SHA-256 (HMAC-SHA-256 under the audit key) over the canonical JSON (RFC 8785) of the command
/// without its command id and expected version: every value the command carries counts, the ids the command gives its new plan items,
/// meetings and case included. A retry is identical when it is the same command object, or one built with the same ids.
/// </remarks>
internal static class SipCommandFingerprint
{
    public static string Compute(SipCommand command, ReadOnlySpan<byte> key)
    {
        // The expected version is a precondition, not content: a retry that re-read the case after a time-out and names the
        // version it now sees is still the same command.
        var content = command is SipCaseCommand onCase ? onCase with { CommandId = null, ExpectedVersion = null } : command with { CommandId = null };
        var json = JsonSerializer.Serialize(content, command.GetType(), SipCommandJsonContext.Default);
        return Convert.ToHexStringLower(SipCanonicalJson.Hash(json, key));
    }
}

/// <summary>Every command, for its fingerprint; a command missing here fails its first run in the tests.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AddParticipant))]
[JsonSerializable(typeof(AppointFixedCareContact))]
[JsonSerializable(typeof(ApprovePlanForIndividual))]
[JsonSerializable(typeof(LinkExternalCase))]
[JsonSerializable(typeof(RecordSummonsDelivery))]
[JsonSerializable(typeof(RecordReceivedSummons))]
[JsonSerializable(typeof(RecordEvaluation))]
[JsonSerializable(typeof(AssignLeadPrincipal))]
[JsonSerializable(typeof(BookFollowUp))]
[JsonSerializable(typeof(ChangeIndividual))]
[JsonSerializable(typeof(ChangeParticipant))]
[JsonSerializable(typeof(CloseAndRestart))]
[JsonSerializable(typeof(CloseCase))]
[JsonSerializable(typeof(ConfirmPlanUnchanged))]
[JsonSerializable(typeof(DeclineOffer))]
[JsonSerializable(typeof(DeclineToStart))]
[JsonSerializable(typeof(DocumentClosing))]
[JsonSerializable(typeof(EstablishPlan))]
[JsonSerializable(typeof(ForwardSummons))]
[JsonSerializable(typeof(OpenCase))]
[JsonSerializable(typeof(RecordAdmission))]
[JsonSerializable(typeof(RecordAttendance))]
[JsonSerializable(typeof(RecordConsent))]
[JsonSerializable(typeof(RecordDeviation))]
[JsonSerializable(typeof(RecordDischarge))]
[JsonSerializable(typeof(RecordFollowUp))]
[JsonSerializable(typeof(RecordHeldMeeting))]
[JsonSerializable(typeof(RecordInformationTransfer))]
[JsonSerializable(typeof(RecordPlanDistributed))]
[JsonSerializable(typeof(RecordReadyForDischarge))]
[JsonSerializable(typeof(RecordSituationChange))]
[JsonSerializable(typeof(RecordSummonsReply))]
[JsonSerializable(typeof(RevisePlan))]
[JsonSerializable(typeof(RevokeReadyForDischarge))]
[JsonSerializable(typeof(ScheduleMeeting))]
[JsonSerializable(typeof(SendSummons))]
[JsonSerializable(typeof(StartPreparation))]
[JsonSerializable(typeof(UpdateInterventionStatus))]
[JsonSerializable(typeof(WithdrawConsent))]
internal sealed partial class SipCommandJsonContext : JsonSerializerContext;
