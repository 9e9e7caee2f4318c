using System.Text.RegularExpressions;

namespace Kamino.Workspaces;

/// <summary>
/// The rule of workspace slugs (issue 10 item 17), checked wherever one is taken from a user: 1 to 63 lowercase
/// ASCII letters, digits and hyphens, starting with a letter or digit (<c>acme</c>, <c>north-2025</c>). A slug is part
/// of URLs and of command lines; <c>""</c>, <c>../../etc</c> or 5,000 characters are refused.
/// </summary>
public static partial class WorkspaceSlug
{
    public const int MaxLength = 63;

    /// <summary>The rule in words, for messages.</summary>
    public const string Rule = "1 to 63 lowercase letters (a-z), digits and hyphens, starting with a letter or digit";

    public static bool IsValid(string? slug) => slug is not null && Pattern().IsMatch(slug);

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>
/// One business (tenant). Every other record belongs to exactly one workspace and carries its id.
/// </summary>
public sealed class Workspace
{
    public int Id { get; set; }

    /// <summary>Short, URL-safe name used in routes and on the command line (<c>demo</c>, <c>acme</c>).</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>ISO 4217 code revenue is reported in.</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>IANA time zone whose date is "today" for due dates, cadence, health, alerts, digests and reminders (PRODUCT.md §5).</summary>
    public string TimeZone { get; set; } = WorkspaceTime.DefaultZone;

    /// <summary>Cumulative revenue share that closes class A (t_A, PRODUCT.md §3).</summary>
    public decimal ThresholdA { get; set; } = 0.80m;

    /// <summary>Cumulative revenue share that closes class B (t_B).</summary>
    public decimal ThresholdB { get; set; } = 0.95m;

    /// <summary>Weight α of the revenue score in the key-account score (PRODUCT.md §3), 0..1.</summary>
    public decimal Alpha { get; set; } = 0.70m;

    /// <summary>Key-account score from which a customer is suggested as a key account, 0..1.</summary>
    public decimal SuggestThreshold { get; set; } = 0.60m;

    /// <summary>
    /// How many key accounts one KAM can serve (PRODUCT.md §3, Capacity), 1..<see cref="KeyAccountSettings.MaxKamCapacity"/>:
    /// the team's capacity (this × KAMs, at least this) bounds the suggestions.
    /// </summary>
    public int KamCapacity { get; set; } = KeyAccountSettings.DefaultKamCapacity;

    /// <summary>Weight of contact freshness in the health score (PRODUCT.md §3, Health score); the four weights sum to 100.</summary>
    public int HealthWeightFreshness { get; set; } = Health.HealthWeights.Default.Freshness;

    /// <summary>Weight of satisfaction (latest CSAT and its trend) in the health score.</summary>
    public int HealthWeightSatisfaction { get; set; } = Health.HealthWeights.Default.Satisfaction;

    /// <summary>Weight of the revenue trend in the health score.</summary>
    public int HealthWeightRevenue { get; set; } = Health.HealthWeights.Default.Revenue;

    /// <summary>Weight of overdue tasks in the health score.</summary>
    public int HealthWeightTasks { get; set; } = Health.HealthWeights.Default.Tasks;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Changes in the same transaction as every change of the workspace's sale lines or customers: results computed
    /// from them are kept in memory while it stays the same (<see cref="Analysis.SalesCache"/>). Its value means nothing else.
    /// </summary>
    public long SalesVersion { get; set; }

    /// <summary>
    /// Changes in the same transaction as every change of what the key-account score reads besides the sales: ratings,
    /// criteria, tiers, designations and the workspace's settings. The scored customer list is kept in memory while it
    /// and <see cref="SalesVersion"/> stay the same (<see cref="Analysis.SalesCache"/>). Its value means nothing else.
    /// </summary>
    public long AccountsVersion { get; set; }

    /// <summary>
    /// Changes in the same transaction as every change of anything in the workspace (check-ins, tasks, orders, contacts,
    /// alert dismissals, members' names, besides what the other versions cover). A user's alerts and the key-accounts
    /// panel are kept in memory while it and the other two stay the same (<see cref="Analysis.SalesCache"/>).
    /// </summary>
    public long WatchVersion { get; set; }
}
