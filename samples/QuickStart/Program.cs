using System;
using System.Globalization;
using System.Linq;
using QuickStart.Ingestion;
using QuickStart.Reporting;
using QuickStart.Training;

// Top-level code of this sample is unowned: it may wire all roles together.
var model = ChurnModelTrainer.Train();
var share = ChurnKpi.FlaggedShare(model, CustomerLoader.LoadClean().ToArray());
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Customers flagged as churn risk: {0:P0}", share));
