namespace Kamino.Health;

/// <summary>A health-weight field a problem is about (a form shows the problem next to it).</summary>
public enum HealthWeightField
{
    Freshness,
    Satisfaction,
    Revenue,
    Tasks,

    /// <summary>The four together (their sum).</summary>
    Sum,
}

/// <summary>Something wrong with a set of health weights, keyed by the field to blame.</summary>
public sealed record HealthWeightProblem(HealthWeightField Field, Said Why)
{
    /// <summary>The recorded English (what the API answers).</summary>
    public string Message => Why.ToString();
}

/// <summary>
/// The weights of the four health parts (workspace settings; PRODUCT.md §3): whole numbers 0–100 that sum to 100, so
/// the score is 0–100. Defaults: freshness 35, satisfaction 25, revenue trend 30, overdue tasks 10.
/// </summary>
public sealed record HealthWeights(int Freshness, int Satisfaction, int Revenue, int Tasks)
{
    public static readonly HealthWeights Default = new(35, 25, 30, 10);

    public int Sum => Freshness + Satisfaction + Revenue + Tasks;

    /// <summary>Each weight out of 0..100, then the sum when it is not 100; empty when the weights can be saved.</summary>
    public IReadOnlyList<HealthWeightProblem> Problems()
    {
        var problems = new List<HealthWeightProblem>();
        Check(HealthWeightField.Freshness, Freshness, "freshness");
        Check(HealthWeightField.Satisfaction, Satisfaction, "satisfaction");
        Check(HealthWeightField.Revenue, Revenue, "revenue trend");
        Check(HealthWeightField.Tasks, Tasks, "overdue tasks");
        if (problems.Count == 0 && Sum != 100)
        {
            problems.Add(new(HealthWeightField.Sum, Said.Of("health.weights-sum", Sum)));
        }

        return problems;

        void Check(HealthWeightField field, int value, string name)
        {
            if (value is < 0 or > 100)
            {
                problems.Add(new(field, Said.Of("health.weight-range", name)));
            }
        }
    }
}
