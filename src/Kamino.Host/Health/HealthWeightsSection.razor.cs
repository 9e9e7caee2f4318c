using System.Globalization;
using Kamino.Data;
using Kamino.Health;
using Kamino.Host.Resources;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.Health;

/// <summary>
/// The health weights of the workspace (<see cref="HealthSettings"/>) on the key-account settings page. The post is
/// checked again here (<see cref="Permission.ManageSettings"/>), and the library's problems, keyed by field, are
/// shown next to their fields; nothing is saved unless all four are right.
/// </summary>
public partial class HealthWeightsSection
{
    public const string FreshnessField = "health-freshness";
    public const string SatisfactionField = "health-satisfaction";
    public const string RevenueField = "health-revenue";
    public const string TasksField = "health-tasks";
    public const string SumField = "health-sum";

    /// <summary>The query parameter that says, after the redirect, that the weights were saved.</summary>
    private const string DoneParameter = "health";

    private static readonly (string Field, HealthPartName Part, int Default)[] Fields =
    [
        (FreshnessField, HealthPartName.Freshness, HealthWeights.Default.Freshness),
        (SatisfactionField, HealthPartName.Satisfaction, HealthWeights.Default.Satisfaction),
        (RevenueField, HealthPartName.RevenueTrend, HealthWeights.Default.Revenue),
        (TasksField, HealthPartName.OverdueTasks, HealthWeights.Default.Tasks),
    ];

    private HealthWeights? weights;
    private bool saved;
    private string? refusal;
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);

    /// <summary>The signed-in member.</summary>
    [Parameter, EditorRequired]
    public CurrentMember Member { get; set; } = default!;

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [Inject]
    private KaminoDatabase Database { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private bool CanManage => Member.Can(Permission.ManageSettings);

    private CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>The sum of what the inputs show ("?" when one is not a number).</summary>
    private string SumText => Fields.Select(f => int.TryParse(Value(f.Field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? (int?)n : null).ToList() is var ns && ns.All(n => n is not null)
        ? ns.Sum(n => n!.Value).ToString(Culture)
        : "?";

    protected override async Task OnParametersSetAsync()
    {
        await using var db = Database.CreateDbContext();
        weights = await HealthSettings.GetAsync(db, Member.WorkspaceId, Aborted);
        if (weights is { } w)
        {
            foreach (var (field, part, _) in Fields)
            {
                values.TryAdd(field, WeightOf(w, part).ToString(CultureInfo.InvariantCulture));
            }
        }

        saved = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query).TryGetValue(DoneParameter, out var done) && done == "saved";
    }

    private async Task SaveAsync()
    {
        saved = false;
        if (!CanManage)
        {
            Refuse(StatusCodes.Status403Forbidden, L["NotAllowed"]);
            return;
        }

        var read = new Dictionary<HealthPartName, int?>();
        foreach (var (field, part, _) in Fields)
        {
            var raw = (HttpContext?.Request is { HasFormContentType: true } request ? request.Form[field].FirstOrDefault() : null)?.Trim() ?? "";
            values[field] = raw;
            read[part] = int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
            if (read[part] is null)
            {
                errors[field] = L["HealthWeightRange"];
            }
        }

        if (errors.Count > 0)
        {
            Refuse(StatusCodes.Status400BadRequest, L["HealthWeightsNotSaved"]);
            return;
        }

        var change = new HealthWeightsChange(read[HealthPartName.Freshness], read[HealthPartName.Satisfaction], read[HealthPartName.RevenueTrend], read[HealthPartName.OverdueTasks]);
        await using var db = Database.CreateDbContext();
        var result = await HealthSettings.SetAsync(db, Member.WorkspaceId, change, Member.UserId, Clock, Aborted);
        if (result.Change.Succeeded)
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(DoneParameter, "saved") + "#health-weights-title");
            return;
        }

        foreach (var problem in result.Problems)
        {
            var (field, message) = problem.Field switch
            {
                HealthWeightField.Freshness => (FreshnessField, L["HealthWeightRange"]),
                HealthWeightField.Satisfaction => (SatisfactionField, L["HealthWeightRange"]),
                HealthWeightField.Revenue => (RevenueField, L["HealthWeightRange"]),
                HealthWeightField.Tasks => (TasksField, L["HealthWeightRange"]),
                HealthWeightField.Sum => (SumField, L["HealthWeightsSumProblem", change.ApplyTo(HealthWeights.Default).Sum.ToString(Culture)]),
            };
            errors[field] = message;
        }

        Refuse(StatusCodes.Status400BadRequest, result.Problems.Count > 0 ? L["HealthWeightsNotSaved"] : L["ChangeRefused", result.Change.In(CultureInfo.CurrentUICulture)]);
    }

    private void Refuse(int status, string message)
    {
        refusal = message;
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = status;
        }
    }

    private string Value(string field) => values.GetValueOrDefault(field, "");

    private string? Error(string field) => errors.GetValueOrDefault(field);

    private static int WeightOf(HealthWeights w, HealthPartName part) => part switch
    {
        HealthPartName.Freshness => w.Freshness,
        HealthPartName.Satisfaction => w.Satisfaction,
        HealthPartName.RevenueTrend => w.Revenue,
        HealthPartName.OverdueTasks => w.Tasks,
    };
}
