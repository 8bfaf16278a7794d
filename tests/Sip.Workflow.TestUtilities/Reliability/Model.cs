using Microsoft.Extensions.Time.Testing;

namespace Sip.Workflow.TestUtilities.Reliability;

/// <summary>How a step ended, as far as the model predicts it.</summary>
public enum Outcome
{
    Accepted,
    InvalidState,
    RequirementsNotMet,
    InvalidInput,
    Unexpected,
}

internal static class Outcomes
{
    /// <summary>Runs a step and classifies how it ended; anything but the documented refusals is <see cref="Outcome.Unexpected"/>.</summary>
    public static async Task<Outcome> OfAsync(Func<Task> step)
    {
        try
        {
            await step();
            return Outcome.Accepted;
        }
        catch (SipInvalidStateException)
        {
            return Outcome.InvalidState;
        }
        catch (SipRequirementsNotMetException)
        {
            return Outcome.RequirementsNotMet;
        }
        catch (ArgumentException)
        {
            return Outcome.InvalidInput;
        }
    }
}

/// <summary>The reference model: what the process allows, written plainly, step by step, for national guidance.</summary>
internal sealed class Model(FakeTimeProvider clock)
{
    public SipState State { get; private set; } = SipState.NeedIdentified;

    public List<string> Events { get; } = [SipEventTypes.CaseOpened];

    private bool _informationSharing;
    private bool _planConsent;
    private bool _municipal;
    private bool _regional;
    private DateTimeOffset? _planMeeting;
    private DateTimeOffset? _followUpMeeting;
    private DateTimeOffset? _lastMeeting;
    private bool _planExists;
    private bool _lead;
    private bool _followUpBooked;

    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private DateTimeOffset Now => clock.GetUtcNow();

    private bool Open => State != SipState.Closed;

    private bool In(params SipState[] states) => states.Contains(State);

    public Outcome Predict(Op op)
    {
        const Outcome ok = Outcome.Accepted, state = Outcome.InvalidState, unmet = Outcome.RequirementsNotMet, input = Outcome.InvalidInput;
        var afterPreparing = In(SipState.Preparing, SipState.Summoned, SipState.PlanEstablished, SipState.FollowUp);
        var afterSummons = In(SipState.Summoned, SipState.PlanEstablished, SipState.FollowUp);
        switch (op)
        {
            case Op.LetADayPass:
                return ok;
            case Op.BadInput:
                return input;
            case Op.ConsentToAll or Op.ConsentToInformationSharingOnly or Op.RecordDeviation:
                return Open ? ok : state;
            case Op.WithdrawConsent:
                return !Open ? state : _informationSharing || _planConsent ? ok : input;
            case Op.DeclineOffer:
                return In(SipState.NeedIdentified) ? ok : state;
            case Op.StartPreparation:
                return !In(SipState.NeedIdentified) ? state : _informationSharing ? ok : unmet;
            case Op.AddMunicipalUnit:
                return !afterPreparing ? state : _municipal ? input : ok;
            case Op.AddRegionalUnit:
                return !afterPreparing ? state : _regional ? input : ok;
            case Op.ScheduleMeeting:
                return afterPreparing ? ok : state;
            case Op.SendSummons:
            {
                if (!afterPreparing)
                {
                    return state;
                }

                // A meeting already begun is a requirement (SUMMONS-MEETING-AHEAD), like the rest.
                var meeting = _planExists ? _followUpMeeting : _planMeeting;
                var ahead = meeting is not { } at || at > Now;
                return _informationSharing && _municipal && _regional && meeting is not null && ahead ? ok : unmet;
            }

            case Op.EstablishCompletePlan or Op.EstablishPlanWithoutLeadPrincipal or Op.EstablishPlanWithoutFollowUpBooking:
            {
                if (!In(SipState.Summoned))
                {
                    return state;
                }

                // The plan is made at a meeting already held (PLAN-MEETING-HELD), a requirement like the rest.
                var held = _lastMeeting is not { } at || at <= Now + Skew;
                var lead = op != Op.EstablishPlanWithoutLeadPrincipal || _lead;
                var booked = op != Op.EstablishPlanWithoutFollowUpBooking || _followUpBooked;
                return _planConsent && lead && booked && held ? ok : unmet;
            }

            case Op.BookFollowUp:
                return afterSummons ? ok : state;
            case Op.RecordFollowUp:
                return In(SipState.PlanEstablished) ? ok : state;
            case Op.ReviseCompletePlan or Op.RevisePlanWithoutLeadPrincipal:
                if (!In(SipState.FollowUp))
                {
                    return state;
                }

                return _lastMeeting is { } last && last > Now + Skew ? unmet : ok;
            case Op.Close:
                // From an established plan too: a death or a move does not wait for the follow-up.
                return Open ? ok : state;
            case Op.CloseAndRestart:
                return In(SipState.FollowUp) ? ok : state;
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    public void Apply(Op op)
    {
        switch (op)
        {
            case Op.LetADayPass:
                return;
            case Op.ConsentToAll:
                _informationSharing = _planConsent = true;
                Events.Add(SipEventTypes.ConsentRecorded);
                break;
            case Op.ConsentToInformationSharingOnly:
                _informationSharing = true;
                Events.Add(SipEventTypes.ConsentRecorded);
                break;
            case Op.WithdrawConsent:
                _informationSharing = _planConsent = false;
                State = SipState.Closed;
                Events.Add(SipEventTypes.ConsentWithdrawn);
                break;
            case Op.DeclineOffer:
                State = SipState.Closed;
                Events.Add(SipEventTypes.OfferDeclined);
                break;
            case Op.StartPreparation:
                State = SipState.Preparing;
                Events.Add(SipEventTypes.PreparationStarted);
                break;
            case Op.AddMunicipalUnit:
                _municipal = true;
                Events.Add(SipEventTypes.ParticipantAdded);
                break;
            case Op.AddRegionalUnit:
                _regional = true;
                Events.Add(SipEventTypes.ParticipantAdded);
                break;
            case Op.ScheduleMeeting:
                var at = Now.AddDays(2);
                if (_planExists)
                {
                    _followUpMeeting = at;
                }
                else
                {
                    _planMeeting = at;
                }

                _lastMeeting = at;
                Events.Add(SipEventTypes.MeetingScheduled);
                break;
            case Op.SendSummons:
                if (State == SipState.Preparing)
                {
                    State = SipState.Summoned;
                }

                Events.Add(SipEventTypes.SummonsSent);
                break;
            case Op.EstablishCompletePlan or Op.EstablishPlanWithoutLeadPrincipal or Op.EstablishPlanWithoutFollowUpBooking:
                State = SipState.PlanEstablished;
                _planExists = _lead = _followUpBooked = true;
                Events.Add(SipEventTypes.PlanEstablished);
                break;
            case Op.BookFollowUp:
                _followUpBooked = true;
                Events.Add(SipEventTypes.FollowUpBooked);
                break;
            case Op.RecordFollowUp:
                State = SipState.FollowUp;
                _followUpBooked = false;
                Events.Add(SipEventTypes.FollowUpRecorded);
                break;
            case Op.ReviseCompletePlan or Op.RevisePlanWithoutLeadPrincipal:
                State = SipState.PlanEstablished;
                _followUpBooked = true;
                Events.Add(SipEventTypes.PlanRevised);
                break;
            case Op.Close:
                State = SipState.Closed;
                Events.Add(SipEventTypes.CaseClosed);
                break;
            case Op.CloseAndRestart:
                State = SipState.Closed;
                Events.Add(SipEventTypes.CaseClosedForRestart);
                break;
            case Op.RecordDeviation:
                Events.Add(SipEventTypes.DeviationRecorded);
                break;
        }
    }
}
